package dev.rebound.config;

import dev.rebound.engine.HostFilter;

import dev.rebound.engine.FailureKind;
import dev.rebound.engine.Jitter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The effective configuration: immutable, with a typed accessor per {@link ConfigKey}. Obtain it from
 * {@link ConfigLoader}. Durations are in nanoseconds, the unit the engine computes with.
 */
public final class ReboundConfig {
    private final ConfigKeys keys;
    private final Object[] values;
    private final ConfigSource[] sources;
    private final String[] origins;
    private final List<ConfigProblem> problems;
    private final RetryOn retryOn;
    private final HostFilter hostFilter;
    private final List<RuleConfig> rules;
    private final ConfigInputs inputs;
    /** Print-once bookkeeping, not configuration; guarded by this. */
    private boolean problemsPrinted;

    ReboundConfig(ConfigKeys keys, Object[] values, ConfigSource[] sources, String[] origins,
                  List<ConfigProblem> problems, List<RuleConfig> rules, ConfigInputs inputs) {
        this.inputs = inputs;
        this.keys = keys;
        this.rules = Collections.unmodifiableList(new ArrayList<RuleConfig>(rules));
        this.values = values.clone();
        this.sources = sources.clone();
        this.origins = origins.clone();
        this.problems = Collections.unmodifiableList(new ArrayList<ConfigProblem>(problems));
        this.retryOn = (RetryOn) get(ConfigKey.RETRY_ON);
        this.hostFilter = HostFilter.of(hostsInclude(), hostsExclude());
    }

    /**
     * This configuration with the config file read again. A key whose value in the file changed is the
     * file's again even where JMX had set it: the last writer wins.
     */
    public ReboundConfig reloadFile() {
        return reloadFile(null);
    }

    /**
     * {@link #reloadFile()} from the file's {@code content} as already read (null: read it now), so that what
     * is applied is the content a watcher saw agree twice, never a later read a writer may have caught
     * half-written.
     */
    public ReboundConfig reloadFile(byte[] content) {
        ReboundConfig fresh = ConfigLoader.reloadFrom(inputs, content, inputs.overrides);
        Map<String, String> overrides = null;
        for (String key : inputs.overrides.keySet()) {
            String before = inputs.fileValues.get(key);
            String now = fresh.inputs.fileValues.get(key);
            if (before == null ? now != null : !before.equals(now)) {
                if (overrides == null) {
                    overrides = new HashMap<String, String>(inputs.overrides);
                }
                overrides.remove(key);
            }
        }
        return overrides == null ? fresh
                : ConfigLoader.reload(inputs, fresh.inputs.fileValues, fresh.inputs.fileProblems, overrides);
    }

    /** This configuration with {@code key} set to {@code raw} through JMX, above every other source. */
    public ReboundConfig withOverride(ConfigKey key, String raw) {
        Map<String, String> overrides = new HashMap<String, String>(inputs.overrides);
        overrides.put(key.key(), raw);
        return ConfigLoader.reload(inputs, inputs.fileValues, inputs.fileProblems, overrides);
    }

    /** This configuration with the values of {@code kept} taken from {@code old} (settings that need a restart). */
    public ReboundConfig keeping(ReboundConfig old, Collection<ConfigKey> kept) {
        Object[] v = values.clone();
        ConfigSource[] s = sources.clone();
        String[] o = origins.clone();
        for (ConfigKey key : kept) {
            int i = keys.indexOf(key);
            int j = old.keys.indexOf(key);
            v[i] = old.values[j];
            s[i] = old.sources[j];
            o[i] = old.origins[j];
        }
        return new ReboundConfig(keys, v, s, o, problems, rules, inputs);
    }

    /** The key of that name, or null. */
    public ConfigKey keyNamed(String name) {
        return keys.byKey(name);
    }

    /** Every key, in listing order. */
    public List<ConfigKey> keys() {
        return keys.all();
    }

    /** The value the config file gave {@code key} as written, or null when it does not set it (or none is read). */
    public String fileValue(ConfigKey key) {
        return inputs.fileValues.get(key.key());
    }

    /** Where the effective value of {@code key} came from, e.g. {@code env REBOUND_MODE}. */
    public String origin(ConfigKey key) {
        return origins[keys.indexOf(key)];
    }

    /** The config file as given, or null when none is configured. */
    public String filePath() {
        return inputs.filePath;
    }

    /** Every key at its default, with no problems. */
    public static ReboundConfig defaults(ConfigKeys keys) {
        return ConfigLoader.load(keys, Collections.<String, String>emptyMap(), Collections.<String, String>emptyMap());
    }

    public boolean enabled() {
        return bool(ConfigKey.ENABLED);
    }

    public Mode mode() {
        return (Mode) get(ConfigKey.MODE);
    }

    /** Attempts per call including the first, 1..10. */
    public int maxAttempts() {
        return integer(ConfigKey.MAX_ATTEMPTS);
    }

    /** Status codes to retry, in configured order. */
    public Set<Integer> retryOnStatuses() {
        return retryOn.statuses;
    }

    public Set<FailureKind> retryOnKinds() {
        return retryOn.kinds;
    }

    /** Methods retried without an idempotency key, upper case. */
    public Set<String> methods() {
        @SuppressWarnings("unchecked")
        Set<String> methods = (Set<String>) get(ConfigKey.METHODS);
        return methods;
    }

    /** The idempotency header name, or the empty string when disabled. */
    public String idempotencyHeader() {
        return (String) get(ConfigKey.IDEMPOTENCY_HEADER);
    }

    public long backoffInitialNanos() {
        return nanos(ConfigKey.BACKOFF_INITIAL);
    }

    public long backoffMaxNanos() {
        return nanos(ConfigKey.BACKOFF_MAX);
    }

    public double backoffMultiplier() {
        return number(ConfigKey.BACKOFF_MULTIPLIER);
    }

    public Jitter backoffJitter() {
        return (Jitter) get(ConfigKey.BACKOFF_JITTER);
    }

    public long retryAfterMaxNanos() {
        return nanos(ConfigKey.RETRY_AFTER_MAX);
    }

    public long maxElapsedNanos() {
        return nanos(ConfigKey.MAX_ELAPSED);
    }

    /** The {@code outer-retriers} entries after any edits of the default: class-name prefixes or class#method. */
    public List<String> outerRetriers() {
        @SuppressWarnings("unchecked")
        List<String> entries = (List<String>) get(ConfigKey.OUTER_RETRIERS);
        return entries;
    }

    /** The {@code hosts.include} globs as normalised text (lower case). */
    public List<String> hostsInclude() {
        return texts(ConfigKey.HOSTS_INCLUDE);
    }

    public List<String> hostsExclude() {
        return texts(ConfigKey.HOSTS_EXCLUDE);
    }

    /** {@code hosts.include} minus {@code hosts.exclude}, ready for matching. */
    public HostFilter hostFilter() {
        return hostFilter;
    }

    /**
     * @param clientLabel a client label, e.g. {@code jdk-http-client}
     * @throws IllegalArgumentException if no {@code instrumentation.<clientLabel>.enabled} key exists
     */
    public boolean instrumentationEnabled(String clientLabel) {
        ConfigKey key = keys.clientSwitch(clientLabel);
        if (key == null) {
            throw new IllegalArgumentException("no instrumentation setting for " + clientLabel);
        }
        return bool(key);
    }

    /** The Prometheus endpoint port, or -1 when off. */
    public int prometheusPort() {
        return integer(ConfigKey.METRICS_PROMETHEUS_PORT);
    }

    public String prometheusHost() {
        return (String) get(ConfigKey.METRICS_PROMETHEUS_HOST);
    }

    public boolean jmxEnabled() {
        return bool(ConfigKey.METRICS_JMX_ENABLED);
    }

    public int metricsMaxHosts() {
        return integer(ConfigKey.METRICS_MAX_HOSTS);
    }

    public LogLevel logLevel() {
        return (LogLevel) get(ConfigKey.LOG_LEVEL);
    }

    public double budgetRatio() {
        return number(ConfigKey.BUDGET_RATIO);
    }

    public double budgetMinPerSecond() {
        return number(ConfigKey.BUDGET_MIN_PER_SECOND);
    }

    public int budgetBurst() {
        return integer(ConfigKey.BUDGET_BURST);
    }

    public int circuitFailureThreshold() {
        return integer(ConfigKey.CIRCUIT_FAILURE_THRESHOLD);
    }

    public long circuitProbeIntervalNanos() {
        return nanos(ConfigKey.CIRCUIT_PROBE_INTERVAL);
    }

    /** The config file path as given, or empty when none. */
    public String configFile() {
        return (String) get(ConfigKey.CONFIG_FILE);
    }

    /** The per-host / per-path rules, in matching order (by number). */
    public List<RuleConfig> rules() {
        return rules;
    }

    /**
     * The configuration a rule's calls get: this one with the keys the rule sets replaced. Its own rules and
     * problems are none; only the per-call and per-host keys mean anything in it.
     */
    public ReboundConfig forRule(RuleConfig rule) {
        Object[] ruleValues = values.clone();
        for (java.util.Map.Entry<ConfigKey, Object> e : rule.overrides().entrySet()) {
            ruleValues[keys.indexOf(e.getKey())] = e.getValue();
        }
        return new ReboundConfig(keys, ruleValues, sources, origins, Collections.<ConfigProblem>emptyList(),
                Collections.<RuleConfig>emptyList(), inputs);
    }

    /** This configuration with the rules of {@code old}: a change of the rules that needs a restart. */
    public ReboundConfig keepingRules(ReboundConfig old) {
        return new ReboundConfig(keys, values, sources, origins, problems, old.rules, inputs);
    }

    /** The config file's rule entries ({@code rules.<n>.<key>}) to their values as written; empty for none. */
    public Map<String, String> fileRuleValues() {
        Map<String, String> out = new HashMap<String, String>();
        for (Map.Entry<String, String> e : inputs.fileValues.entrySet()) {
            if (RuleSettings.isRuleKey(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Where the value in force of rule key {@code rules.<n>.<key>} came from, or null when no rule sets it. */
    public String ruleOrigin(String key) {
        for (RuleConfig rule : rules) {
            for (Map.Entry<String, String[]> e : rule.shown().entrySet()) {
                if (key.equals(rule.name() + "." + e.getKey())) {
                    return e.getValue()[1];
                }
            }
        }
        return null;
    }

    /** Each rule key in force ({@code rules.<n>.<key>}) to its value text, in matching order; no origins. */
    public Map<String, String> ruleSettings() {
        Map<String, String> all = new java.util.LinkedHashMap<String, String>();
        for (RuleConfig rule : rules) {
            for (Map.Entry<String, String[]> e : rule.shown().entrySet()) {
                all.put(rule.name() + "." + e.getKey(), e.getValue()[0]);
            }
        }
        return all;
    }

    /** Everything wrong with the inputs, in a stable order; empty when all was well. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    public boolean hasErrors() {
        for (ConfigProblem p : problems) {
            if (p.isError()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Prints each problem on its own line, the first time only, so that a second caller (say premain after
     * a CLI check) does not repeat them. Returns whether this call printed.
     */
    public synchronized boolean printProblemsOnce(PrintStream out) {
        // synchronized rather than an AtomicBoolean: on JDK 9+ that would load the VarHandle machinery in premain.
        if (problemsPrinted) {
            return false;
        }
        problemsPrinted = true;
        for (ConfigProblem p : problems) {
            out.println(p.message());
        }
        return true;
    }

    /** Where the effective value of {@code key} came from; DEFAULT also after a rejected value. */
    public ConfigSource source(ConfigKey key) {
        return sources[keys.indexOf(key)];
    }

    /** The effective value of {@code key} in canonical text form, e.g. {@code 1s}; empty for none / off. */
    public String valueText(ConfigKey key) {
        return key.type.format(get(key));
    }

    /**
     * One line per key, {@code key = value  (source)}, aligned, for a CLI listing; then each rule's keys
     * ({@code rules.<n>.<key>}), in matching order, as in force (a refused override is left out).
     */
    public String renderEffective() {
        int width = 0;
        for (ConfigKey key : keys.all()) {
            width = Math.max(width, key.key().length());
        }
        for (RuleConfig rule : rules) {
            for (String key : rule.shown().keySet()) {
                width = Math.max(width, rule.name().length() + 1 + key.length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (ConfigKey key : keys.all()) {
            line(sb, key.key(), width, valueText(key), origins[keys.indexOf(key)]);
        }
        for (RuleConfig rule : rules) {
            for (java.util.Map.Entry<String, String[]> e : rule.shown().entrySet()) {
                line(sb, rule.name() + "." + e.getKey(), width, e.getValue()[0], e.getValue()[1]);
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, int width, String value, String origin) {
        sb.append(key).append(Text.spaces(width - key.length())).append(" = ").append(value)
                .append("  (").append(origin).append(")\n");
    }

    @Override
    public String toString() {
        return renderEffective();
    }

    private Object get(ConfigKey key) {
        return values[keys.indexOf(key)];
    }

    private boolean bool(ConfigKey key) {
        return ((Boolean) get(key)).booleanValue();
    }

    private int integer(ConfigKey key) {
        return ((Integer) get(key)).intValue();
    }

    private long nanos(ConfigKey key) {
        return ((Long) get(key)).longValue();
    }

    private double number(ConfigKey key) {
        return ((Double) get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private List<String> texts(ConfigKey key) {
        return (List<String>) get(key);
    }
}
