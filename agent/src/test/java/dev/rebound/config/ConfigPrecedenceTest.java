package dev.rebound.config;

import dev.rebound.engine.Jitter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.engine.FailureKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrecedenceTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path f = dir.resolve("rebound.properties");
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        return f;
    }

    @Test
    void systemPropertyBeatsEnvBeatsFileBeatsDefault() throws IOException {
        Path f = file("max-attempts=4\nbackoff.max=3s\nmode=observe\nbudget.burst=7\n");
        Map<String, String> sys = Map.of(
                "rebound.config-file", f.toString(),
                "rebound.max-attempts", "6");
        Map<String, String> env = Map.of(
                "REBOUND_MAX_ATTEMPTS", "5",
                "REBOUND_BACKOFF_MAX", "2s");

        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, sys, env);

        assertEquals(6, c.maxAttempts());
        assertEquals(ConfigSource.SYSTEM_PROPERTY, c.source(ConfigKey.MAX_ATTEMPTS));
        assertEquals(2_000_000_000L, c.backoffMaxNanos());
        assertEquals(ConfigSource.ENVIRONMENT, c.source(ConfigKey.BACKOFF_MAX));
        assertEquals(Mode.OBSERVE, c.mode());
        assertEquals(ConfigSource.FILE, c.source(ConfigKey.MODE));
        assertEquals(7, c.budgetBurst());
        assertEquals(100_000_000L, c.backoffInitialNanos());
        assertEquals(ConfigSource.DEFAULT, c.source(ConfigKey.BACKOFF_INITIAL));
        assertEquals(List.of(), c.problems());
    }

    @Test
    void envBeatsFile() throws IOException {
        Path f = file("log.level=debug\n");
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of(),
                Map.of("REBOUND_CONFIG_FILE", f.toString(), "REBOUND_LOG_LEVEL", "warn"));
        assertEquals(LogLevel.WARN, c.logLevel());
        assertEquals(ConfigSource.ENVIRONMENT, c.source(ConfigKey.LOG_LEVEL));
        assertEquals(f.toString(), c.configFile());
    }

    @Test
    void systemPropertyNamesTheFileOverEnv() throws IOException {
        Path f = file("budget.ratio=0.25\n");
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.config-file", f.toString()),
                Map.of("REBOUND_CONFIG_FILE", dir.resolve("absent.properties").toString()));
        assertEquals(0.25, c.budgetRatio());
        assertEquals(List.of(), c.problems());
    }

    @Test
    void fileKeysMayCarryThePrefixAndThePlainSpellingWins() throws IOException {
        Path f = file("rebound.metrics.max-hosts=20\nrebound.circuit.failure-threshold=9\ncircuit.failure-threshold=8\n");
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.config-file", f.toString()), Map.of());
        assertEquals(20, c.metricsMaxHosts());
        assertEquals(8, c.circuitFailureThreshold());
        assertEquals(List.of(), c.problems());
    }

    @Test
    void configFileKeyInsideTheFileIsIgnoredWithAWarning() throws IOException {
        Path f = file("config-file=/elsewhere.properties\nmax-attempts=2\n");
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.config-file", f.toString()), Map.of());
        assertEquals(2, c.maxAttempts());
        assertEquals(f.toString(), c.configFile());
        assertEquals(1, c.problems().size());
        ConfigProblem p = c.problems().get(0);
        assertEquals(ConfigProblem.Severity.WARNING, p.severity());
        assertEquals("rebound: config-file in config file '" + f + "' is ignored; set it by system property "
                + "rebound.config-file, env REBOUND_CONFIG_FILE or agent argument", p.message());
    }

    @Test
    void envNamesAreUpperCaseWithDotsAndDashesAsUnderscores() {
        assertEquals("REBOUND_BACKOFF_MAX", ConfigKey.BACKOFF_MAX.envVar());
        assertEquals("REBOUND_MAX_ATTEMPTS", ConfigKey.MAX_ATTEMPTS.envVar());
        assertEquals("REBOUND_INSTRUMENTATION_APACHE_HTTPCLIENT_4_ENABLED",
                TestKeys.KEYS.byKey("instrumentation.apache-httpclient-4.enabled").envVar());
        assertEquals("REBOUND_CONFIG_FILE", ConfigKey.CONFIG_FILE.envVar());
        assertEquals("rebound.retry-after.max", ConfigKey.RETRY_AFTER_MAX.systemProperty());
        for (ConfigKey k : TestKeys.KEYS.all()) {
            assertEquals(k, TestKeys.KEYS.byEnvVar(k.envVar()));
            assertEquals(k, TestKeys.KEYS.byKey(k.key()));
        }
    }

    @Test
    void everyKeyIsReadFromItsEnvVar() {
        Map<String, String> env = new HashMap<>();
        env.put("REBOUND_ENABLED", "false");
        env.put("REBOUND_RETRY_ON", "500, reset");
        env.put("REBOUND_METHODS", "get,delete");
        env.put("REBOUND_IDEMPOTENCY_HEADER", "X-Request-Id");
        env.put("REBOUND_BACKOFF_MULTIPLIER", "1.5");
        env.put("REBOUND_BACKOFF_JITTER", "decorrelated");
        env.put("REBOUND_RETRY_AFTER_MAX", "30s");
        env.put("REBOUND_MAX_ELAPSED", "1m");
        env.put("REBOUND_HOSTS_INCLUDE", "*.example.com");
        env.put("REBOUND_HOSTS_EXCLUDE", "slow.example.com");
        env.put("REBOUND_INSTRUMENTATION_JDK_HTTP_CLIENT_ENABLED", "false");
        env.put("REBOUND_METRICS_PROMETHEUS_PORT", "9404");
        env.put("REBOUND_METRICS_PROMETHEUS_HOST", "0.0.0.0");
        env.put("REBOUND_METRICS_JMX_ENABLED", "false");
        env.put("REBOUND_BUDGET_MIN_PER_SECOND", "2.5");
        env.put("REBOUND_CIRCUIT_PROBE_INTERVAL", "250ms");

        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of(), env);

        assertEquals(List.of(), c.problems());
        assertFalse(c.enabled());
        assertEquals(Set.of(500), c.retryOnStatuses());
        assertEquals(Set.of(FailureKind.RESET), c.retryOnKinds());
        assertEquals(List.of("GET", "DELETE"), List.copyOf(c.methods()));
        assertEquals("X-Request-Id", c.idempotencyHeader());
        assertEquals(1.5, c.backoffMultiplier());
        assertEquals(Jitter.DECORRELATED, c.backoffJitter());
        assertEquals(30_000_000_000L, c.retryAfterMaxNanos());
        assertEquals(60_000_000_000L, c.maxElapsedNanos());
        assertEquals(List.of("*.example.com"), c.hostsInclude());
        assertEquals(List.of("slow.example.com"), c.hostsExclude());
        assertTrue(c.hostFilter().matches("api.example.com", 443));
        assertFalse(c.hostFilter().matches("slow.example.com", 443));
        assertFalse(c.hostFilter().matches("example.org", 443));
        assertFalse(c.instrumentationEnabled("jdk-http-client"));
        assertTrue(c.instrumentationEnabled("http-url-connection"));
        assertEquals(9404, c.prometheusPort());
        assertEquals("0.0.0.0", c.prometheusHost());
        assertFalse(c.jmxEnabled());
        assertEquals(2.5, c.budgetMinPerSecond());
        assertEquals(250_000_000L, c.circuitProbeIntervalNanos());
    }

    @Test
    void effectiveListingShowsValueAndSourceForEveryKey() throws IOException {
        Path f = file("retry-on=503\n");
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, 
                Map.of("rebound.config-file", f.toString(), "rebound.backoff.initial", "500"),
                Map.of("REBOUND_METRICS_PROMETHEUS_PORT", "9404"));
        String listing = c.renderEffective();
        String[] lines = listing.split("\n");
        assertEquals(TestKeys.KEYS.all().size(), lines.length);
        assertTrue(listing.contains("backoff.initial "), listing);
        assertLine(lines, "backoff.initial", "500ms  (system property rebound.backoff.initial)");
        assertLine(lines, "metrics.prometheus.port", "9404  (env REBOUND_METRICS_PROMETHEUS_PORT)");
        assertLine(lines, "retry-on", "503  (file " + f + ")");
        assertLine(lines, "max-attempts", "3  (default)");
        assertLine(lines, "hosts.exclude", "  (default)");
        assertEquals(500_000_000L, c.backoffInitialNanos());
    }

    private static void assertLine(String[] lines, String key, String rest) {
        for (String line : lines) {
            if (line.startsWith(key + " ")) {
                assertEquals(rest, line.substring(line.indexOf(" = ") + 3), line);
                return;
            }
        }
        throw new AssertionError("no line for " + key);
    }

    @Test
    void defaultsHaveNoProblemsAndDocumentedValues() {
        ReboundConfig c = ReboundConfig.defaults(TestKeys.KEYS);
        assertEquals(List.of(), c.problems());
        assertTrue(c.enabled());
        assertEquals(Mode.RETRY, c.mode());
        assertEquals(3, c.maxAttempts());
        assertEquals(Set.of(502, 503, 504), c.retryOnStatuses());
        assertEquals(Set.of(FailureKind.CONNECT_FAILURE), c.retryOnKinds());
        assertEquals(List.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"), List.copyOf(c.methods()));
        assertEquals("Idempotency-Key", c.idempotencyHeader());
        assertEquals(100_000_000L, c.backoffInitialNanos());
        assertEquals(1_000_000_000L, c.backoffMaxNanos());
        assertEquals(2.0, c.backoffMultiplier());
        assertEquals(Jitter.FULL, c.backoffJitter());
        assertEquals(5_000_000_000L, c.retryAfterMaxNanos());
        assertEquals(10_000_000_000L, c.maxElapsedNanos());
        assertEquals(List.of("*"), c.hostsInclude());
        assertEquals(List.of(), c.hostsExclude());
        for (String client : List.of("http-url-connection", "jdk-http-client", "apache-httpclient-4",
                "apache-httpclient-5")) {
            assertTrue(c.instrumentationEnabled(client), client);
        }
        assertEquals(-1, c.prometheusPort());
        assertEquals("127.0.0.1", c.prometheusHost());
        assertTrue(c.jmxEnabled());
        assertEquals(100, c.metricsMaxHosts());
        assertEquals(LogLevel.INFO, c.logLevel());
        assertEquals(0.2, c.budgetRatio());
        assertEquals(10.0, c.budgetMinPerSecond());
        assertEquals(100, c.budgetBurst());
        assertEquals(5, c.circuitFailureThreshold());
        assertEquals(1_000_000_000L, c.circuitProbeIntervalNanos());
        assertEquals("", c.configFile());
        for (ConfigKey k : TestKeys.KEYS.all()) {
            assertEquals(ConfigSource.DEFAULT, c.source(k));
        }
    }

    @Test
    void fromSystemReadsThisJvmsSystemProperties() {
        System.setProperty("rebound.metrics.max-hosts", "42");
        try {
            ReboundConfig c = ConfigLoader.fromSystem(TestKeys.KEYS, null);
            assertEquals(42, c.metricsMaxHosts());
            assertEquals(ConfigSource.SYSTEM_PROPERTY, c.source(ConfigKey.METRICS_MAX_HOSTS));
        } finally {
            System.clearProperty("rebound.metrics.max-hosts");
        }
        assertEquals(100, ConfigLoader.fromSystem(TestKeys.KEYS, null).metricsMaxHosts());
    }
}
