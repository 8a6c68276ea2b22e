package dev.rebound.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Reports {@code rebound.*} system properties and {@code REBOUND_*} env vars that name no setting. */
final class UnknownKeys {
    private UnknownKeys() {
    }

    /** A file key or agent argument as written, without the optional {@code rebound.} prefix. */
    static String withoutPrefix(String name) {
        return name.startsWith(ConfigKey.PROPERTY_PREFIX) ? name.substring(ConfigKey.PROPERTY_PREFIX.length()) : name;
    }

    static void checkSystemProperties(ConfigKeys keys, Map<String, String> systemProperties,
                                      List<ConfigProblem> problems) {
        UnknownKeyLines lines = new UnknownKeyLines(problems, "unknown system properties");
        for (String name : sorted(systemProperties, ConfigKey.PROPERTY_PREFIX)) {
            if (name.startsWith(ConfigKey.PROPERTY_PREFIX + RuleSettings.PREFIX)) {
                continue; // a rule's key: RuleSettings reads and checks it
            }
            if (keys.byKey(name.substring(ConfigKey.PROPERTY_PREFIX.length())) == null) {
                if (lines.takeLine()) {
                    problems.add(problem(name, "system property " + Text.shown(name),
                            Suggestions.closest(name, keys.propertyNames(), ConfigKey.PROPERTY_PREFIX)));
                }
            }
        }
        lines.finish();
    }

    static void checkEnvironment(ConfigKeys keys, Map<String, String> env, List<ConfigProblem> problems) {
        UnknownKeyLines lines = new UnknownKeyLines(problems, "unknown environment variables");
        for (String name : sorted(env, ConfigKey.ENV_PREFIX)) {
            if (name.startsWith(RuleSettings.ENV_PREFIX)) {
                continue; // a rule's key: RuleSettings reads and checks it
            }
            if (keys.byEnvVar(name) == null) {
                if (lines.takeLine()) {
                    problems.add(problem(name, "environment variable " + Text.shown(name),
                            Suggestions.closest(name, keys.envNames(), ConfigKey.ENV_PREFIX)));
                }
            }
        }
        lines.finish();
    }

    /** @param what e.g. {@code system property rebound.max-attemps} */
    static ConfigProblem problem(String name, String what, String suggestion) {
        String message = "rebound: unknown " + what + " (ignored)"
                + (suggestion == null ? "" : "; did you mean " + suggestion + "?");
        return new ConfigProblem(Text.shown(name), message, ConfigProblem.Severity.ERROR);
    }

    /** Sorted so that problems come out in the same order on every run. */
    private static List<String> sorted(Map<String, String> map, String prefix) {
        List<String> names = new ArrayList<String>();
        for (String name : map.keySet()) {
            if (name != null && name.startsWith(prefix)) {
                names.add(name);
            }
        }
        Collections.sort(names);
        return names;
    }
}
