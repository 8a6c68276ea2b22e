package dev.rebound.config;

import dev.rebound.config.ScalarTypes.ChoiceType;
import dev.rebound.config.ScalarTypes.DoubleType;
import dev.rebound.config.ScalarTypes.IntType;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting: its name, default, description and type, in one place. The names are a public contract
 * (system property {@code rebound.<key>}, env var {@code REBOUND_<KEY>}, config file key {@code <key>}).
 */
public enum ConfigKey {
    ENABLED("enabled", "true", ScalarTypes.BOOLEAN,
            "Master switch; false means the agent transforms nothing."),
    MODE("mode", "retry", new ChoiceType(Mode.values()),
            "retry, or observe: decide and count everything, never re-send."),
    MAX_ATTEMPTS("max-attempts", "3", new IntType(1, 10, true),
            "Attempts per call including the first (1 = never retry); at most 10."),
    RETRY_ON("retry-on", "502,503,504,connect-failure", RetryOn.TYPE,
            "Status codes (400..599) and failure kinds (connect-failure, reset, timeout) that are retried."),
    METHODS("methods", "GET,HEAD,OPTIONS,PUT,DELETE,TRACE", MethodsType.INSTANCE,
            "Methods retried without an idempotency key (a connect failure is retried for any method)."),
    IDEMPOTENCY_HEADER("idempotency-header", "Idempotency-Key", ScalarTypes.HEADER_NAME,
            "A request carrying this header may be retried whatever its method; empty disables."),
    BACKOFF_INITIAL("backoff.initial", "100ms", new DurationType(0),
            "Delay before the first retry (250ms, 2s, 1m; a plain number is milliseconds)."),
    BACKOFF_MAX("backoff.max", "1s", new DurationType(0),
            "Longest delay between two attempts."),
    BACKOFF_MULTIPLIER("backoff.multiplier", "2.0", new DoubleType(1.0, Double.MAX_VALUE),
            "Factor by which the delay grows per retry (>= 1.0)."),
    BACKOFF_JITTER("backoff.jitter", "full", new ChoiceType(JitterMode.values()),
            "Randomisation of the delay: full, equal, decorrelated or none."),
    RETRY_AFTER_MAX("retry-after.max", "5s", new DurationType(0),
            "Retry-After is honoured as the delay; above this, the call is not retried."),
    MAX_ELAPSED("max-elapsed", "10s", new DurationType(1),
            "No retry whose delay would end later than this after the call began (>= 1ms)."),
    OUTER_RETRIERS("outer-retriers", OuterRetriersType.DEFAULT_TEXT, OuterRetriersType.INSTANCE,
            "Retry libraries inside which a call is left to them (counted as skip cause outer_retry): class-name "
                    + "prefixes or class#method; +entry adds to and -prefix removes from the default; empty: none."),
    HOSTS_INCLUDE("hosts.include", "*", HostGlob.LIST,
            "Hosts handled: host or host:port globs with * and ? wildcards."),
    HOSTS_EXCLUDE("hosts.exclude", "", HostGlob.LIST,
            "Hosts left alone even if included: host or host:port globs."),
    INSTRUMENTATION_HTTP_URL_CONNECTION("instrumentation.http-url-connection.enabled", "true", ScalarTypes.BOOLEAN,
            "Instrument HttpURLConnection."),
    INSTRUMENTATION_JDK_HTTP_CLIENT("instrumentation.jdk-http-client.enabled", "true", ScalarTypes.BOOLEAN,
            "Instrument the JDK HttpClient (Java 11+)."),
    INSTRUMENTATION_APACHE_HTTPCLIENT_4("instrumentation.apache-httpclient-4.enabled", "true",
            ScalarTypes.BOOLEAN, "Instrument Apache HttpClient 4.5."),
    INSTRUMENTATION_APACHE_HTTPCLIENT_5("instrumentation.apache-httpclient-5.enabled", "true",
            ScalarTypes.BOOLEAN, "Instrument Apache HttpClient 5.x."),
    INSTRUMENTATION_OKHTTP("instrumentation.okhttp.enabled", "true", ScalarTypes.BOOLEAN,
            "Instrument OkHttp 3.12+, 4.x and 5.x."),
    METRICS_PROMETHEUS_PORT("metrics.prometheus.port", "", ScalarTypes.PORT,
            "Port of the Prometheus endpoint (0..65535); empty = off."),
    METRICS_PROMETHEUS_HOST("metrics.prometheus.host", "127.0.0.1", ScalarTypes.BIND_HOST,
            "Address the Prometheus endpoint listens on."),
    METRICS_JMX_ENABLED("metrics.jmx.enabled", "true", ScalarTypes.BOOLEAN,
            "Publish the metrics as a JMX MBean."),
    METRICS_MAX_HOSTS("metrics.max-hosts", "100", new IntType(1, Integer.MAX_VALUE, false),
            "Distinct host label values before the rest count as 'other' (>= 1)."),
    LOG_LEVEL("log.level", "info", new ChoiceType(LogLevel.values()),
            "Agent log level on stderr: error, warn, info or debug."),
    BUDGET_RATIO("budget.ratio", "0.2", new DoubleType(0.0, 10.0),
            "Per host, each request earns this many retry tokens (0..10); a retry the host answers gives its token back."),
    BUDGET_MIN_PER_SECOND("budget.min-per-second", "10", new DoubleType(0.0, Double.MAX_VALUE),
            "Retry tokens earned per second regardless of traffic (>= 0)."),
    BUDGET_BURST("budget.burst", "100", new IntType(1, Integer.MAX_VALUE, false),
            "Token bucket capacity, also the most retries in flight at once; starts full (>= 1)."),
    CIRCUIT_FAILURE_THRESHOLD("circuit.failure-threshold", "5", new IntType(1, Integer.MAX_VALUE, false),
            "Consecutive failed retries to a host that stop retrying it (>= 1)."),
    CIRCUIT_PROBE_INTERVAL("circuit.probe-interval", "1s", new DurationType(1),
            "While stopped, one retry per interval is let through as a probe; each failed probe doubles it, up to 32x."),
    CONFIG_FILE("config-file", "", ScalarTypes.TEXT,
            "Properties file with any of these keys (set by system property, env var or agent argument).");

    /** Prefix of the system properties, e.g. {@code rebound.max-attempts}. */
    public static final String PROPERTY_PREFIX = "rebound.";
    /** Prefix of the environment variables, e.g. {@code REBOUND_MAX_ATTEMPTS}. */
    public static final String ENV_PREFIX = "REBOUND_";

    private static final Map<String, ConfigKey> BY_KEY = new HashMap<String, ConfigKey>();
    private static final Map<String, ConfigKey> BY_ENV = new HashMap<String, ConfigKey>();

    static {
        for (ConfigKey k : values()) {
            BY_KEY.put(k.key, k);
            BY_ENV.put(k.envVar, k);
        }
    }

    private final String key;
    private final String defaultText;
    private final String description;
    private final String envVar;
    final ValueType type;

    ConfigKey(String key, String defaultText, ValueType type, String description) {
        this.key = key;
        this.defaultText = defaultText;
        this.type = type;
        this.description = description;
        this.envVar = envVarFor(key);
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

    /** The key of that name, or null. */
    public static ConfigKey byKey(String key) {
        return BY_KEY.get(key);
    }

    /** The key read from that environment variable, or null. */
    public static ConfigKey byEnvVar(String envVar) {
        return BY_ENV.get(envVar);
    }

    /** Upper case, {@code .} and {@code -} become {@code _}, prefixed with {@code REBOUND_}. */
    static String envVarFor(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Every key with its default, env var and description, for {@code java -jar rebound-agent.jar}. */
    public static String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("Settings (highest precedence first): system property -Drebound.<key>=<value>,\n")
                .append("env var REBOUND_<KEY> (upper case, . and - become _), the properties file named by\n")
                .append("rebound.config-file / REBOUND_CONFIG_FILE (keys without the rebound. prefix), the agent\n")
                .append("arguments -javaagent:rebound-agent.jar=<key>=<value>;<key>=<value>, the default.\n");
        for (ConfigKey k : values()) {
            sb.append('\n').append("  ").append(k.key)
                    .append("  (default: ").append(k.defaultText.isEmpty() ? "none" : k.defaultText)
                    .append("; env ").append(k.envVar).append(")\n")
                    .append("      ").append(k.description).append('\n');
        }
        return sb.toString();
    }
}
