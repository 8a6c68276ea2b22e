package dev.rebound.config;

import dev.rebound.engine.HostGlob;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.engine.RetryRule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the per-host / per-path rules, {@code rules.<n>.<key>}, from every source the top-level keys come
 * from ({@code -Drebound.rules.1.host}, {@code REBOUND_RULES_1_HOST}, {@code rules.1.host} in the file or
 * the agent arguments), each key with the same precedence. Rules are ordered by number.
 *
 * <p>A bad match key ({@code host}, {@code path}, {@code method}) drops its whole rule: a rule matching
 * more than written would be worse than none. A bad override falls back to the top-level value (or a
 * clamped one), the rule's other keys stay. Budget and circuit keys are per host: refused in a rule with
 * a path or methods.
 */
final class RuleSettings {
    static final String PREFIX = "rules.";
    static final String ENV_PREFIX = ConfigKey.ENV_PREFIX + "RULES_";
    /** Matching is a scan of the rules per call: a bound keeps it nanoseconds. */
    static final int MAX_RULES = 100;

    static final String HOST = "host";
    static final String PATH = "path";
    static final String METHOD = "method";
    static final String ENABLED = "enabled";

    /** The per-call keys a rule may override. */
    private static final ConfigKey[] POLICY_KEYS = {ConfigKey.MODE, ConfigKey.MAX_ATTEMPTS, ConfigKey.RETRY_ON,
        ConfigKey.METHODS, ConfigKey.IDEMPOTENCY_HEADER, ConfigKey.BACKOFF_INITIAL, ConfigKey.BACKOFF_MAX,
        ConfigKey.BACKOFF_MULTIPLIER, ConfigKey.BACKOFF_JITTER, ConfigKey.RETRY_AFTER_MAX, ConfigKey.MAX_ELAPSED};
    /** The per-host keys: only in a rule that matches by host alone. */
    private static final ConfigKey[] GUARD_KEYS = {ConfigKey.BUDGET_RATIO, ConfigKey.BUDGET_MIN_PER_SECOND,
        ConfigKey.BUDGET_BURST, ConfigKey.CIRCUIT_FAILURE_THRESHOLD, ConfigKey.CIRCUIT_PROBE_INTERVAL};

    /** Every key a rule takes, in listing order. */
    static final String[] NAMES;
    private static final Map<String, String> BY_ENV = new HashMap<String, String>();

    static {
        List<String> names = new ArrayList<String>();
        Collections.addAll(names, HOST, PATH, METHOD, ENABLED);
        for (ConfigKey k : POLICY_KEYS) {
            names.add(k.key());
        }
        for (ConfigKey k : GUARD_KEYS) {
            names.add(k.key());
        }
        NAMES = names.toArray(new String[0]);
        for (String n : NAMES) {
            BY_ENV.put(envForm(n), n);
        }
    }

    private RuleSettings() {
    }

    /** One raw value and where it came from. */
    private static final class Raw {
        final String value;
        final String origin;

        Raw(String value, String origin) {
            this.value = value;
            this.origin = origin;
        }
    }

    static boolean isRuleKey(String fileKey) {
        return fileKey.startsWith(PREFIX);
    }

    /**
     * @param props   the {@code rebound.*} system properties
     * @param file    the config file's entries, rule keys included
     * @param args    the agent arguments' entries, rule keys included
     * @param values  the top-level values, indexed as {@code keys.all()}: what a rule's bad override falls back to
     */
    static List<RuleConfig> load(ConfigKeys keys, Object[] values, Map<String, String> props, Map<String, String> env,
                                 Map<String, String> file, String filePath, Map<String, String> args,
                                 List<ConfigProblem> problems) {
        TreeMap<Integer, Map<String, Raw>> rules = new TreeMap<Integer, Map<String, Raw>>();
        // Lowest precedence first: a higher source overwrites the same key.
        collect(rules, args, "", "agent arguments", "in agent arguments", problems);
        collect(rules, file, "", "file " + Text.shown(String.valueOf(filePath)),
                "in config file " + Text.quoted(String.valueOf(filePath)), problems);
        collectEnv(rules, env, problems);
        collect(rules, props, ConfigKey.PROPERTY_PREFIX, null, null, problems);
        List<RuleConfig> out = new ArrayList<RuleConfig>();
        int ignored = 0;
        for (Map.Entry<Integer, Map<String, Raw>> e : rules.entrySet()) {
            if (out.size() == MAX_RULES) {
                ignored++;
                continue;
            }
            RuleConfig rule = build(keys, values, e.getKey().intValue(), e.getValue(), problems);
            if (rule != null) {
                out.add(rule);
            }
        }
        if (ignored > 0) {
            problems.add(new ConfigProblem(PREFIX, "rebound: " + ignored + " rules after the first " + MAX_RULES
                    + " are ignored", ConfigProblem.Severity.ERROR));
        }
        for (int i = 0; i < out.size() - 1; i++) {
            RuleConfig r = out.get(i);
            if (r.host() == null && r.hostOnly()) {
                problems.add(new ConfigProblem(r.name(), "rebound: " + r.name() + " has no host, path or method:"
                        + " it matches every call, so the rules after it never apply", ConfigProblem.Severity.WARNING));
            }
        }
        return out;
    }

    /**
     * Rule entries of a source whose names are {@code <prefix>rules.<n>.<key>}; other names are not looked at.
     * {@code origin}/{@code where} null: a system property, named in full.
     */
    private static void collect(Map<Integer, Map<String, Raw>> rules, Map<String, String> source, String prefix,
                                String origin, String where, List<ConfigProblem> problems) {
        List<String> names = new ArrayList<String>();
        for (String name : source.keySet()) {
            if (name != null && name.startsWith(prefix + PREFIX)) {
                names.add(name);
            }
        }
        Collections.sort(names);
        String summary = where == null ? "unknown rule keys in system properties" : "unknown rule keys " + where;
        UnknownKeyLines unknown = new UnknownKeyLines(problems, summary);
        for (String name : names) {
            String rest = name.substring(prefix.length() + PREFIX.length());
            int dot = rest.indexOf('.');
            int number = dot < 0 ? -1 : number(rest.substring(0, dot));
            String key = dot < 0 ? "" : rest.substring(dot + 1);
            String what = (where == null ? "system property " + Text.shown(name) : "key " + Text.shown(name) + " " + where);
            if (number < 0) {
                if (unknown.takeLine()) {
                    problems.add(new ConfigProblem(Text.shown(name), "rebound: " + what + " (ignored): rules are"
                            + " written " + prefix + PREFIX + "<n>.<key>, n a number from 1", ConfigProblem.Severity.ERROR));
                }
                continue;
            }
            if (!known(key)) {
                if (unknown.takeLine()) {
                    problems.add(unknownKey(name, what, key, prefix + PREFIX + number + "."));
                }
                continue;
            }
            put(rules, number, key, source.get(name), origin != null ? origin : "system property " + Text.shown(name));
        }
        unknown.finish();
    }

    private static void collectEnv(Map<Integer, Map<String, Raw>> rules, Map<String, String> env,
                                   List<ConfigProblem> problems) {
        List<String> names = new ArrayList<String>();
        for (String name : env.keySet()) {
            if (name != null && name.startsWith(ENV_PREFIX)) {
                names.add(name);
            }
        }
        Collections.sort(names);
        UnknownKeyLines unknown = new UnknownKeyLines(problems, "unknown rule environment variables");
        for (String name : names) {
            String rest = name.substring(ENV_PREFIX.length());
            int cut = rest.indexOf('_');
            int number = cut < 0 ? -1 : number(rest.substring(0, cut));
            String what = "environment variable " + Text.shown(name);
            if (number < 0) {
                if (unknown.takeLine()) {
                    problems.add(new ConfigProblem(Text.shown(name), "rebound: " + what + " (ignored): rules are"
                            + " written " + ENV_PREFIX + "<n>_<KEY>, n a number from 1", ConfigProblem.Severity.ERROR));
                }
                continue;
            }
            String key = BY_ENV.get(rest.substring(cut + 1));
            if (key == null) {
                if (unknown.takeLine()) {
                    String[] candidates = new String[NAMES.length];
                    for (int i = 0; i < NAMES.length; i++) {
                        candidates[i] = envForm(NAMES[i]);
                    }
                    String suggestion = Suggestions.closest(rest.substring(cut + 1), candidates);
                    problems.add(UnknownKeys.problem(name, what,
                            suggestion == null ? null : ENV_PREFIX + number + "_" + suggestion));
                }
                continue;
            }
            put(rules, number, key, env.get(name), "env " + Text.shown(name));
        }
        unknown.finish();
    }

    private static ConfigProblem unknownKey(String name, String what, String key, String rulePrefix) {
        ConfigKey topLevel = null;
        for (ConfigKey k : ConfigKey.fixed()) {
            if (k.key().equals(key)) {
                topLevel = k;
            }
        }
        if (topLevel != null || key.startsWith("instrumentation.")) {
            return new ConfigProblem(Text.shown(name), "rebound: " + what + " (ignored): " + key
                    + " is not set per rule; a rule takes " + Text.join(java.util.Arrays.asList(NAMES)),
                    ConfigProblem.Severity.ERROR);
        }
        String suggestion = Suggestions.closest(key, NAMES);
        return UnknownKeys.problem(name, what, suggestion == null ? null : rulePrefix + suggestion);
    }

    private static void put(Map<Integer, Map<String, Raw>> rules, int number, String key, String value, String origin) {
        Integer n = Integer.valueOf(number);
        Map<String, Raw> rule = rules.get(n);
        if (rule == null) {
            rule = new HashMap<String, Raw>();
            rules.put(n, rule);
        }
        rule.put(key, new Raw(value == null ? "" : value.trim(), origin));
    }

    private static RuleConfig build(ConfigKeys keys, Object[] values, int number, Map<String, Raw> raw,
                                    List<ConfigProblem> problems) {
        String name = PREFIX + number;
        Map<String, String[]> shown = new LinkedHashMap<String, String[]>();
        String host = null;
        Raw r = raw.get(HOST);
        if (r != null) {
            HostGlob glob = HostGlob.parse(r.value);
            if (glob == null) {
                return dropped(name, HOST, r.value, HostGlob.whyBad(r.value), problems);
            }
            host = glob.toString();
        }
        String path = null;
        r = raw.get(PATH);
        if (r != null) {
            if (!RetryRule.isPathPrefix(r.value)) {
                return dropped(name, PATH, r.value, "a path prefix starts with / and holds no ?, # or blank", problems);
            }
            path = r.value;
        }
        List<String> methods = new ArrayList<String>();
        r = raw.get(METHOD);
        if (r != null) {
            for (String item : Text.items(r.value)) {
                if (!RetryPolicy.isToken(item)) {
                    return dropped(name, METHOD, item, "not an HTTP method name", problems);
                }
                String upper = item.toUpperCase(Locale.ROOT);
                if (!methods.contains(upper)) {
                    methods.add(upper);
                }
            }
            if (methods.isEmpty()) {
                return dropped(name, METHOD, r.value, "no method", problems);
            }
        }
        boolean hostOnly = path == null && methods.isEmpty();
        boolean enabled = true;
        r = raw.get(ENABLED);
        if (r != null) {
            try {
                enabled = ((Boolean) ScalarTypes.BOOLEAN.parse(r.value)).booleanValue();
            } catch (BadValue bad) {
                problems.add(new ConfigProblem(name + "." + ENABLED, "rebound: bad value for " + name + "." + ENABLED
                        + ": " + bad.detail + "; using true", ConfigProblem.Severity.ERROR));
            }
        }
        Map<ConfigKey, Object> overrides = new LinkedHashMap<ConfigKey, Object>();
        for (ConfigKey key : POLICY_KEYS) {
            override(keys, values, name, key, raw.get(key.key()), overrides, problems);
        }
        for (ConfigKey key : GUARD_KEYS) {
            Raw g = raw.get(key.key());
            if (g != null && !hostOnly) {
                problems.add(new ConfigProblem(name + "." + key.key(), "rebound: " + name + "." + key.key()
                        + " (ignored): budget and circuit keys are per host, allowed only in a rule without path"
                        + " and method", ConfigProblem.Severity.ERROR));
                continue;
            }
            override(keys, values, name, key, g, overrides, problems);
        }
        clampInitialBackoff(keys, values, name, overrides, problems);
        for (String key : NAMES) {
            Raw set = raw.get(key);
            if (set == null) {
                continue;
            }
            String text;
            if (key.equals(HOST)) {
                text = host;
            } else if (key.equals(PATH)) {
                text = path;
            } else if (key.equals(METHOD)) {
                text = Text.join(methods);
            } else if (key.equals(ENABLED)) {
                text = String.valueOf(enabled);
            } else {
                ConfigKey k = keys.byKey(key);
                if (!overrides.containsKey(k)) {
                    continue; // refused: the top-level value applies
                }
                text = k.type.format(overrides.get(k));
            }
            shown.put(key, new String[] {text, set.origin});
        }
        return new RuleConfig(number, host, path, Collections.unmodifiableList(methods), enabled, overrides, shown);
    }

    private static void override(ConfigKeys keys, Object[] values, String rule, ConfigKey key, Raw raw,
                                 Map<ConfigKey, Object> overrides, List<ConfigProblem> problems) {
        if (raw == null) {
            return;
        }
        String full = rule + "." + key.key();
        try {
            if (raw.value.isEmpty() && !key.type.allowsEmpty()) {
                throw BadValue.rejected(raw.value, "empty");
            }
            overrides.put(key, key.type.parse(raw.value));
        } catch (BadValue bad) {
            String used;
            if (bad.replacement != null) {
                overrides.put(key, bad.replacement);
                used = key.type.format(bad.replacement);
            } else {
                used = "the top-level value " + key.type.format(values[keys.indexOf(key)]);
            }
            problems.add(new ConfigProblem(full, (bad.clamped ? "rebound: value out of range for " : "rebound: bad value for ")
                    + full + ": " + bad.detail + "; using " + (used.isEmpty() ? "none" : used),
                    bad.clamped ? ConfigProblem.Severity.WARNING : ConfigProblem.Severity.ERROR));
        }
    }

    /** As for the top-level keys: a first delay above the longest delay becomes the longest. */
    private static void clampInitialBackoff(ConfigKeys keys, Object[] values, String rule,
                                            Map<ConfigKey, Object> overrides, List<ConfigProblem> problems) {
        ConfigKey initialKey = ConfigKey.BACKOFF_INITIAL;
        ConfigKey maxKey = ConfigKey.BACKOFF_MAX;
        if (!overrides.containsKey(initialKey) && !overrides.containsKey(maxKey)) {
            return;
        }
        Long initial = (Long) (overrides.containsKey(initialKey) ? overrides.get(initialKey) : values[keys.indexOf(initialKey)]);
        Long max = (Long) (overrides.containsKey(maxKey) ? overrides.get(maxKey) : values[keys.indexOf(maxKey)]);
        if (initial.longValue() > max.longValue()) {
            ValueType type = initialKey.type;
            problems.add(new ConfigProblem(rule + "." + initialKey.key(), "rebound: value out of range for " + rule
                    + "." + initialKey.key() + ": '" + type.format(initial) + "' (above " + maxKey.key() + " "
                    + type.format(max) + "); using " + type.format(max), ConfigProblem.Severity.WARNING));
            overrides.put(initialKey, max);
        }
    }

    private static RuleConfig dropped(String rule, String key, String value, String why, List<ConfigProblem> problems) {
        problems.add(new ConfigProblem(rule + "." + key, "rebound: bad value for " + rule + "." + key + ": "
                + Text.quoted(value) + " (" + why + "); rule " + rule + " is dropped", ConfigProblem.Severity.ERROR));
        return null;
    }

    private static boolean known(String key) {
        for (String n : NAMES) {
            if (n.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** 1..999999, or -1. */
    private static int number(String text) {
        if (text.isEmpty() || text.length() > 6) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Text.isDigit(c)) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n >= 1 ? n : -1;
    }

    static String envForm(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
