package dev.rebound.config;

import dev.rebound.config.ScalarTypes.ChoiceType;
import dev.rebound.config.ScalarTypes.DoubleType;
import dev.rebound.config.ScalarTypes.IntType;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.GuardPolicy;
import dev.rebound.engine.Jitter;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.metrics.MetricsRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One setting: its name, default, description and type. The names are a public contract (system property
 * {@code rebound.<key>}, env var {@code REBOUND_<KEY>}, config file key {@code <key>}). A setting the engine
 * or the metrics also default takes its default from them, so that the two cannot drift; a client's switch
 * {@code instrumentation.<label>.enabled} is made per client label by {@link ConfigKeys}.
 */
public final class ConfigKey {
    private static final RetryPolicy ENGINE = RetryPolicy.DEFAULTS;
    private static final GuardPolicy GUARD = GuardPolicy.DEFAULTS;

    public static final ConfigKey ENABLED = new ConfigKey("enabled", "true", ScalarTypes.BOOLEAN,
            "Master switch; false means the agent transforms nothing.");
    public static final ConfigKey MODE = new ConfigKey("mode",
            (ENGINE.observeOnly() ? Mode.OBSERVE : Mode.RETRY).label(), new ChoiceType(Mode.values()),
            "retry, or observe: decide and count everything, never re-send.");
    public static final ConfigKey MAX_ATTEMPTS = new ConfigKey("max-attempts", String.valueOf(ENGINE.maxAttempts()),
            new IntType(1, RetryPolicy.MAX_ATTEMPTS_LIMIT, true),
            "Attempts per call including the first (1 = never retry); at most " + RetryPolicy.MAX_ATTEMPTS_LIMIT + ".");
    public static final ConfigKey RETRY_ON = new ConfigKey("retry-on", engineRetryOn(), RetryOn.TYPE,
            "Status codes (400..599) and failure kinds (connect-failure, reset, timeout) that are retried.");
    public static final ConfigKey METHODS = new ConfigKey("methods", Text.join(ENGINE.methodsWithoutKey()),
            MethodsType.INSTANCE,
            "Methods retried without an idempotency key (a connect failure is retried for any method).");
    public static final ConfigKey IDEMPOTENCY_HEADER = new ConfigKey("idempotency-header",
            ENGINE.idempotencyHeader(), ScalarTypes.HEADER_NAME,
            "A request carrying this header may be retried whatever its method; empty disables.");
    public static final ConfigKey BACKOFF_INITIAL = new ConfigKey("backoff.initial",
            DurationType.formatNanos(ENGINE.backoff().initialNanos()), new DurationType(0),
            "Delay before the first retry (250ms, 2s, 1m; a plain number is milliseconds).");
    public static final ConfigKey BACKOFF_MAX = new ConfigKey("backoff.max",
            DurationType.formatNanos(ENGINE.backoff().maxNanos()), new DurationType(0),
            "Longest delay between two attempts.");
    public static final ConfigKey BACKOFF_MULTIPLIER = new ConfigKey("backoff.multiplier",
            String.valueOf(ENGINE.backoff().multiplier()), new DoubleType(1.0, Double.MAX_VALUE),
            "Factor by which the delay grows per retry (>= 1.0).");
    public static final ConfigKey BACKOFF_JITTER = new ConfigKey("backoff.jitter", ENGINE.backoff().jitter().label(),
            new ChoiceType(Jitter.values()),
            "Randomisation of the delay: full, equal, decorrelated or none.");
    public static final ConfigKey RETRY_AFTER_MAX = new ConfigKey("retry-after.max",
            DurationType.formatNanos(ENGINE.retryAfterMaxNanos()), new DurationType(0),
            "Retry-After is honoured as the delay; above this, the call is not retried.");
    public static final ConfigKey MAX_ELAPSED = new ConfigKey("max-elapsed",
            DurationType.formatNanos(ENGINE.maxElapsedNanos()), new DurationType(1),
            "No retry whose delay would end later than this after the call began (>= 1ms).");
    public static final ConfigKey OUTER_RETRIERS = new ConfigKey("outer-retriers", OuterRetriersType.DEFAULT_TEXT,
            OuterRetriersType.INSTANCE,
            "Retry libraries inside which a call is left to them (counted as skip cause outer_retry): class-name "
                    + "prefixes or class#method; +entry adds to and -prefix removes from the default; empty: none.");
    public static final ConfigKey HOSTS_INCLUDE = new ConfigKey("hosts.include", "*", HostGlobsType.INSTANCE,
            "Hosts handled: host or host:port globs with * and ? wildcards.");
    public static final ConfigKey HOSTS_EXCLUDE = new ConfigKey("hosts.exclude", "", HostGlobsType.INSTANCE,
            "Hosts left alone even if included: host or host:port globs.");
    public static final ConfigKey METRICS_PROMETHEUS_PORT = new ConfigKey("metrics.prometheus.port", "",
            ScalarTypes.PORT, "Port of the Prometheus endpoint (0..65535); empty = off.");
    public static final ConfigKey METRICS_PROMETHEUS_HOST = new ConfigKey("metrics.prometheus.host", "127.0.0.1",
            ScalarTypes.BIND_HOST, "Address the Prometheus endpoint listens on.");
    public static final ConfigKey METRICS_JMX_ENABLED = new ConfigKey("metrics.jmx.enabled", "true",
            ScalarTypes.BOOLEAN, "Publish the metrics as a JMX MBean.");
    public static final ConfigKey METRICS_MAX_HOSTS = new ConfigKey("metrics.max-hosts",
            String.valueOf(MetricsRegistry.DEFAULT_MAX_HOSTS), new IntType(1, Integer.MAX_VALUE, false),
            "Distinct host label values before the rest count as 'other' (>= 1).");
    public static final ConfigKey LOG_LEVEL = new ConfigKey("log.level", "info", new ChoiceType(LogLevel.values()),
            "Agent log level on stderr: error, warn, info or debug.");
    public static final ConfigKey BUDGET_RATIO = new ConfigKey(GuardPolicy.KEY_BUDGET_RATIO,
            String.valueOf(GUARD.budgetRatio()), new DoubleType(0.0, GuardPolicy.MAX_BUDGET_RATIO),
            "Per host, each request earns this many retry tokens (0..10); a retry the host answers gives its token back.");
    public static final ConfigKey BUDGET_MIN_PER_SECOND = new ConfigKey(GuardPolicy.KEY_BUDGET_MIN_PER_SECOND,
            String.valueOf(GUARD.budgetMinPerSecond()), new DoubleType(0.0, Double.MAX_VALUE),
            "Retry tokens earned per second regardless of traffic (>= 0).");
    public static final ConfigKey BUDGET_BURST = new ConfigKey(GuardPolicy.KEY_BUDGET_BURST,
            String.valueOf(GUARD.budgetBurst()), new IntType(1, Integer.MAX_VALUE, false),
            "Token bucket capacity, also the most retries in flight at once; starts full (>= 1).");
    public static final ConfigKey CIRCUIT_FAILURE_THRESHOLD = new ConfigKey(GuardPolicy.KEY_CIRCUIT_FAILURE_THRESHOLD,
            String.valueOf(GUARD.circuitFailureThreshold()), new IntType(1, Integer.MAX_VALUE, false),
            "Consecutive failed retries to a host that stop retrying it (>= 1).");
    public static final ConfigKey CIRCUIT_PROBE_INTERVAL = new ConfigKey(GuardPolicy.KEY_CIRCUIT_PROBE_INTERVAL,
            DurationType.formatNanos(GUARD.circuitProbeIntervalNanos()), new DurationType(1),
            "While stopped, one retry per interval is let through as a probe; each failed probe doubles it, up to 32x.");
    public static final ConfigKey CONFIG_FILE = new ConfigKey("config-file", "", ScalarTypes.TEXT,
            "Properties file with any of these keys, watched for changes (set by system property, env var or agent argument).");

    /** Prefix of the system properties, e.g. {@code rebound.max-attempts}. */
    public static final String PROPERTY_PREFIX = "rebound.";
    /** Prefix of the environment variables, e.g. {@code REBOUND_MAX_ATTEMPTS}. */
    public static final String ENV_PREFIX = "REBOUND_";

    private final String key;
    private final String defaultText;
    private final String description;
    private final String envVar;
    final ValueType type;

    private ConfigKey(String key, String defaultText, ValueType type, String description) {
        this.key = key;
        this.defaultText = defaultText;
        this.type = type;
        this.description = description;
        this.envVar = envVarFor(key);
    }

    /** The fixed keys in listing order, the client switches left out ({@link ConfigKeys} places them). */
    static ConfigKey[] fixed() {
        return new ConfigKey[] {ENABLED, MODE, MAX_ATTEMPTS, RETRY_ON, METHODS, IDEMPOTENCY_HEADER, BACKOFF_INITIAL,
            BACKOFF_MAX, BACKOFF_MULTIPLIER, BACKOFF_JITTER, RETRY_AFTER_MAX, MAX_ELAPSED, OUTER_RETRIERS, HOSTS_INCLUDE,
            HOSTS_EXCLUDE, METRICS_PROMETHEUS_PORT, METRICS_PROMETHEUS_HOST, METRICS_JMX_ENABLED, METRICS_MAX_HOSTS,
            LOG_LEVEL, BUDGET_RATIO, BUDGET_MIN_PER_SECOND, BUDGET_BURST, CIRCUIT_FAILURE_THRESHOLD,
            CIRCUIT_PROBE_INTERVAL, CONFIG_FILE};
    }

    /** The switch of one client: {@code instrumentation.<label>.enabled}, default true. */
    static ConfigKey clientSwitch(String clientLabel) {
        return new ConfigKey(switchName(clientLabel), "true", ScalarTypes.BOOLEAN,
                "Instrument the " + clientLabel + " client.");
    }

    static String switchName(String clientLabel) {
        return "instrumentation." + clientLabel + ".enabled";
    }

    /** The name, e.g. {@code max-attempts}. */
    public String key() {
        return key;
    }

    /** The default as text, e.g. {@code 100ms}; empty for "none" / "off". */
    public String defaultValue() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    /** e.g. {@code rebound.max-attempts}. */
    public String systemProperty() {
        return PROPERTY_PREFIX + key;
    }

    /** e.g. {@code REBOUND_MAX_ATTEMPTS}. */
    public String envVar() {
        return envVar;
    }

    /** Upper case, {@code .} and {@code -} become {@code _}, prefixed with {@code REBOUND_}. */
    static String envVarFor(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The engine's default {@code retry-on}: its statuses in order, then its failure kinds. */
    private static String engineRetryOn() {
        List<String> items = new ArrayList<String>();
        for (int s = RetryPolicy.MIN_RETRYABLE_STATUS; s <= RetryPolicy.MAX_STATUS; s++) {
            if (ENGINE.isRetryable(s)) {
                items.add(Integer.toString(s));
            }
        }
        for (FailureKind kind : FailureKind.values()) {
            if (ENGINE.isRetryable(kind)) {
                items.add(kind.label());
            }
        }
        return Text.join(items);
    }

    @Override
    public String toString() {
        return key;
    }
}
