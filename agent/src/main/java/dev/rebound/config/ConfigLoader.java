package dev.rebound.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Builds a {@link ReboundConfig} from, highest precedence first: system property {@code rebound.<key>}, env var
 * {@code REBOUND_<KEY>}, the file named by {@code config-file}, the agent arguments, the default. Never throws:
 * every bad value becomes a {@link ConfigProblem} and its key falls back to the default (or a clamped value).
 * Runs in premain, so it stays cheap: no regex, no reflection, no logging framework.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * Loads from this JVM's system properties and environment, and the agent arguments.
     *
     * @param keys the settings there are (the agent's, with its clients' switches)
     * @param agentArguments what followed {@code =} in {@code -javaagent:rebound-agent.jar=...}, or null
     */
    public static ReboundConfig fromSystem(ConfigKeys keys, String agentArguments) {
        List<ConfigProblem> problems = new ArrayList<ConfigProblem>();
        Map<String, String> props = new HashMap<String, String>();
        Map<String, String> env = Collections.emptyMap();
        try {
            Properties system = System.getProperties();
            for (String name : system.stringPropertyNames()) {
                if (name.startsWith(ConfigKey.PROPERTY_PREFIX)) {
                    props.put(name, system.getProperty(name));
                }
            }
        } catch (SecurityException e) {
            problems.add(denied("system properties"));
        }
        try {
            env = System.getenv();
        } catch (SecurityException e) {
            problems.add(denied("environment variables"));
        }
        return load(keys, props, env, agentArguments, problems);
    }

    /**
     * @param systemProperties all or just the {@code rebound.*} system properties
     * @param env all or just the {@code REBOUND_*} environment variables
     */
    public static ReboundConfig load(ConfigKeys keys, Map<String, String> systemProperties, Map<String, String> env) {
        return load(keys, systemProperties, env, null);
    }

    /** @param agentArguments the {@code -javaagent} arguments ({@link AgentArguments} grammar), or null */
    public static ReboundConfig load(ConfigKeys keys, Map<String, String> systemProperties, Map<String, String> env,
                                     String agentArguments) {
        return load(keys, systemProperties, env, agentArguments, new ArrayList<ConfigProblem>());
    }

    private static ReboundConfig load(ConfigKeys keys, Map<String, String> props, Map<String, String> env,
                                      String agentArguments, List<ConfigProblem> problems) {
        return load(keys, props, env, agentArguments, problems, null, null, null,
                Collections.<String, String>emptyMap(), null);
    }

    /**
     * The configuration from these inputs again: the file read anew when {@code fileValues} is null, else as
     * given; {@code overrides} (JMX) above every other source. Problems of the inputs that did not change come
     * out the same, message for message.
     */
    static ReboundConfig reload(ConfigInputs in, Map<String, String> fileValues, List<ConfigProblem> fileProblems,
                                Map<String, String> overrides) {
        return load(in.keys, in.props, in.env, in.agentArguments, new ArrayList<ConfigProblem>(), in.filePath,
                fileValues, fileProblems, overrides, null);
    }

    /** {@link #reload} with the file's content as already read ({@code content}), not read again. */
    static ReboundConfig reloadFrom(ConfigInputs in, byte[] content, Map<String, String> overrides) {
        return load(in.keys, in.props, in.env, in.agentArguments, new ArrayList<ConfigProblem>(), in.filePath,
                null, null, overrides, content);
    }

    private static ReboundConfig load(ConfigKeys keys, Map<String, String> props, Map<String, String> env,
                                      String agentArguments, List<ConfigProblem> problems, String knownPath,
                                      Map<String, String> fileValues, List<ConfigProblem> fileProblems,
                                      Map<String, String> overrides, byte[] fileContent) {
        Map<String, String> args = AgentArguments.parse(agentArguments, keys, problems);
        ConfigKey fileKey = ConfigKey.CONFIG_FILE;
        String filePath = knownPath != null ? knownPath
                : firstNonNull(firstNonNull(props.get(fileKey.systemProperty()), env.get(fileKey.envVar())),
                args.get(fileKey.key()));
        Map<String, String> file = Collections.emptyMap();
        if (filePath != null && !filePath.trim().isEmpty()) {
            filePath = filePath.trim();
            if (fileValues == null) {
                int before = problems.size();
                file = ConfigFile.read(filePath, fileContent, keys, problems);
                fileProblems = new ArrayList<ConfigProblem>(problems.subList(before, problems.size()));
            } else {
                file = fileValues;
                problems.addAll(fileProblems);
            }
        } else {
            filePath = null;
        }
        if (fileProblems == null) {
            fileProblems = Collections.emptyList();
        }
        UnknownKeys.checkSystemProperties(keys, props, problems);
        UnknownKeys.checkEnvironment(keys, env, problems);

        int count = keys.all().size();
        Object[] values = new Object[count];
        ConfigSource[] sources = new ConfigSource[count];
        String[] origins = new String[count];
        for (int i = 0; i < count; i++) {
            ConfigKey key = keys.all().get(i);
            String raw;
            if ((raw = overrides.get(key.key())) != null) {
                sources[i] = ConfigSource.JMX;
                origins[i] = "jmx";
            } else if ((raw = props.get(key.systemProperty())) != null) {
                sources[i] = ConfigSource.SYSTEM_PROPERTY;
                origins[i] = "system property " + key.systemProperty();
            } else if ((raw = env.get(key.envVar())) != null) {
                sources[i] = ConfigSource.ENVIRONMENT;
                origins[i] = "env " + key.envVar();
            } else if ((raw = file.get(key.key())) != null) {
                sources[i] = ConfigSource.FILE;
                origins[i] = "file " + Text.shown(filePath);
            } else if ((raw = args.get(key.key())) != null) {
                sources[i] = ConfigSource.AGENT_ARGUMENTS;
                origins[i] = "agent arguments";
            } else {
                sources[i] = ConfigSource.DEFAULT;
                origins[i] = "default";
            }
            values[i] = raw == null ? parseDefault(key) : parse(key, raw.trim(), problems);
            if (values[i] == null) {
                values[i] = parseDefault(key);
                sources[i] = ConfigSource.DEFAULT;
                origins[i] = "default";
            }
        }
        clampInitialBackoff(keys, values, problems);
        List<RuleConfig> rules = RuleSettings.load(keys, values, props, env, file, filePath, args, problems);
        return new ReboundConfig(keys, values, sources, origins, problems, rules,
                new ConfigInputs(keys, props, env, agentArguments, filePath, file, fileProblems, overrides));
    }

    /** @return the value, a replacement chosen by the type, or null for the default */
    private static Object parse(ConfigKey key, String text, List<ConfigProblem> problems) {
        try {
            if (text.isEmpty() && !key.type.allowsEmpty()) {
                throw BadValue.rejected(text, "empty");
            }
            return key.type.parse(text);
        } catch (BadValue bad) {
            Object used = bad.replacement != null ? bad.replacement : parseDefault(key);
            String shown = key.type.format(used);
            String message = (bad.clamped ? "rebound: value out of range for " : "rebound: bad value for ")
                    + key.key() + ": " + bad.detail + "; using " + (shown.isEmpty() ? "none" : shown);
            problems.add(new ConfigProblem(key.key(), message,
                    bad.clamped ? ConfigProblem.Severity.WARNING : ConfigProblem.Severity.ERROR));
            return bad.replacement;
        }
    }

    /** A first delay above the longest delay is almost surely a slip; the engine gets a consistent pair. */
    private static void clampInitialBackoff(ConfigKeys keys, Object[] values, List<ConfigProblem> problems) {
        int initial = keys.indexOf(ConfigKey.BACKOFF_INITIAL);
        Long max = (Long) values[keys.indexOf(ConfigKey.BACKOFF_MAX)];
        if ((Long) values[initial] > max) {
            ValueType type = ConfigKey.BACKOFF_INITIAL.type;
            problems.add(new ConfigProblem(ConfigKey.BACKOFF_INITIAL.key(), "rebound: value out of range for "
                    + ConfigKey.BACKOFF_INITIAL.key() + ": '" + type.format(values[initial]) + "' (above "
                    + ConfigKey.BACKOFF_MAX.key() + " " + type.format(max) + "); using " + type.format(max),
                    ConfigProblem.Severity.WARNING));
            values[initial] = max;
        }
    }

    private static Object parseDefault(ConfigKey key) {
        try {
            return key.type.parse(key.defaultValue());
        } catch (BadValue e) {
            // A unit test parses every default; reaching this is a bug in ConfigKey, not in the user's setup.
            throw new IllegalStateException("bad default for " + key.key() + ": " + e.detail);
        }
    }

    private static ConfigProblem denied(String what) {
        return new ConfigProblem(what, "rebound: cannot read " + what
                + " (access denied); using the other sources", ConfigProblem.Severity.ERROR);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
