package dev.rebound.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.engine.FailureKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad value: one problem naming key, value and replacement; never an exception. */
class BadValueTest {

    private static ReboundConfig withProperty(String key, String value) {
        return ConfigLoader.load(TestKeys.KEYS, Map.of("rebound." + key, value), Map.of());
    }

    /** Loads one bad value and checks the single problem it must produce, and that the default applies. */
    private static ReboundConfig assertRejected(String key, String value, String expectedMessage) {
        ReboundConfig c = withProperty(key, value);
        assertEquals(1, c.problems().size(), c.problems().toString());
        ConfigProblem p = c.problems().get(0);
        assertEquals(expectedMessage, p.message());
        assertEquals(key, p.key());
        assertTrue(p.isError());
        assertTrue(c.hasErrors());
        ConfigKey k = TestKeys.KEYS.byKey(key);
        assertEquals(ConfigSource.DEFAULT, c.source(k));
        assertEquals(ReboundConfig.defaults(TestKeys.KEYS).valueText(k), c.valueText(k));
        return c;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "enabled | yes | 'yes' (not true or false); using true",
        "metrics.jmx.enabled | 1 | '1' (not true or false); using true",
        "max-attempts | banana | 'banana' (not a whole number); using 3",
        "max-attempts | 0 | '0' (below the minimum 1); using 3",
        "max-attempts | -2 | '-2' (below the minimum 1); using 3",
        "max-attempts | 2.0 | '2.0' (not a whole number); using 3",
        "metrics.max-hosts | 0 | '0' (below the minimum 1); using 100",
        "metrics.max-hosts | 3000000000 | '3000000000' (above the maximum 2147483647); using 100",
        "budget.burst | -5 | '-5' (below the minimum 1); using 100",
        "circuit.failure-threshold | 2.5 | '2.5' (not a whole number); using 5",
        "backoff.multiplier | 0.5 | '0.5' (below the minimum 1.0); using 2.0",
        "backoff.multiplier | NaN | 'NaN' (not a number); using 2.0",
        "backoff.multiplier | 1e3 | '1e3' (not a number); using 2.0",
        "backoff.multiplier | 2.0.1 | '2.0.1' (not a number); using 2.0",
        "budget.ratio | 11 | '11' (above the maximum 10.0); using 0.2",
        "budget.ratio | -0.1 | '-0.1' (below the minimum 0.0); using 0.2",
        "budget.min-per-second | -1 | '-1' (below the minimum 0.0); using 10.0",
        "backoff.initial | -5ms | '-5ms' (negative); using 100ms",
        "backoff.max | -1 | '-1' (negative); using 1s",
        "backoff.max | fast | 'fast' (not a duration such as 250ms, 2s or 1m); using 1s",
        "retry-after.max | 1.5s | '1.5s' (not a duration such as 250ms, 2s or 1m); using 5s",
        "max-elapsed | 10h | '10h' (not a duration such as 250ms, 2s or 1m); using 10s",
        "max-elapsed | ms | 'ms' (not a duration such as 250ms, 2s or 1m); using 10s",
        "max-elapsed | 5 s | '5 s' (not a duration such as 250ms, 2s or 1m); using 10s",
        "max-elapsed | 153722868m | '153722868m' (too large); using 10s",
        "max-elapsed | 9223372036855ms | '9223372036855ms' (too large); using 10s",
        "max-elapsed | 99999999999999999999999 | '99999999999999999999999' (too large); using 10s",
        "circuit.probe-interval | 0 | '0' (below the minimum 1ms); using 1s",
        "mode | dry-run | 'dry-run' (not one of retry or observe); using retry",
        "backoff.jitter | random | 'random' (not one of full, equal, decorrelated or none); using full",
        "log.level | trace | 'trace' (not one of error, warn, info or debug); using info",
        "metrics.prometheus.port | http | 'http' (not a whole number); using none",
        "metrics.prometheus.port | 70000 | '70000' (above the maximum 65535); using none",
        "metrics.prometheus.port | -1 | '-1' (below the minimum 0); using none",
        "metrics.prometheus.host | local host | 'local host' (not a host name or IP address); using 127.0.0.1",
        "idempotency-header | Idem Key | 'Idem Key' (not a header name); using Idempotency-Key",
        "idempotency-header | X-Key: | 'X-Key:' (not a header name); using Idempotency-Key",
        "retry-on | 399 | '399' (status code not in 400..599); using 502,503,504,connect-failure",
        "retry-on | timout | 'timout' (not a status code or one of connect-failure, reset, timeout); "
                + "using 502,503,504,connect-failure",
        "methods | G(E)T | 'G(E)T' (not an HTTP method name); using GET,HEAD,OPTIONS,PUT,DELETE,TRACE",
        "hosts.include | bad host | 'bad host' (not a host or host:port glob); using *",
        "hosts.exclude | fe80::1 | 'fe80::1' (IPv6 addresses need brackets, e.g. [::1]:8080); using none",
        "hosts.exclude | [::1 | '[::1' (not a host or host:port glob); using none",
        "hosts.exclude | db:99999 | 'db:99999' (not a host or host:port glob); using none",
        "hosts.exclude | db: | 'db:' (not a host or host:port glob); using none",
        "hosts.exclude | :80 | ':80' (not a host or host:port glob); using none",
        "hosts.exclude | db:8x | 'db:8x' (not a host or host:port glob); using none",
    })
    void badValueFallsBackToDefault(String key, String value, String detail) {
        assertRejected(key, value, "rebound: bad value for " + key + ": " + detail);
    }

    @ParameterizedTest
    @CsvSource({"enabled", "max-attempts", "backoff.max", "backoff.multiplier", "mode", "metrics.prometheus.host"})
    void emptyValueIsBadWhereEmptyMeansNothing(String key) {
        ConfigKey k = TestKeys.KEYS.byKey(key);
        assertRejected(key, "  ", "rebound: bad value for " + key + ": '' (empty); using " + k.defaultValue());
    }

    @Test
    void exampleMessageFromTheSpecIsExact() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of(), Map.of("REBOUND_MAX_ATTEMPTS", "banana"));
        assertEquals(List.of("rebound: bad value for max-attempts: 'banana' (not a whole number); using 3"),
                c.problems().stream().map(ConfigProblem::message).toList());
        assertEquals(3, c.maxAttempts());
    }

    @ParameterizedTest
    @CsvSource({"11, 10", "25, 10", "99999999999999999999, 10"})
    void maxAttemptsAboveTenIsClampedWithAWarning(String value, int expected) {
        ReboundConfig c = withProperty("max-attempts", value);
        assertEquals(expected, c.maxAttempts());
        assertEquals(1, c.problems().size());
        ConfigProblem p = c.problems().get(0);
        assertEquals(ConfigProblem.Severity.WARNING, p.severity());
        assertFalse(c.hasErrors());
        assertEquals("rebound: value out of range for max-attempts: '" + value + "' (above the maximum 10); using 10",
                p.message());
        assertEquals(ConfigSource.SYSTEM_PROPERTY, c.source(ConfigKey.MAX_ATTEMPTS));
    }

    @Test
    void initialBackoffAboveMaxIsClampedToMax() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.backoff.initial", "3s", "rebound.backoff.max", "2s"),
                Map.of());
        assertEquals(2_000_000_000L, c.backoffInitialNanos());
        assertEquals(1, c.problems().size());
        assertEquals(ConfigProblem.Severity.WARNING, c.problems().get(0).severity());
        assertEquals("rebound: value out of range for backoff.initial: '3s' (above backoff.max 2s); using 2s",
                c.problems().get(0).message());
    }

    @Test
    void badListItemsAreDroppedAndTheRestIsUsed() {
        ReboundConfig c = withProperty("retry-on", "502, 600,timout,reset");
        assertEquals(Set.of(502), c.retryOnStatuses());
        assertEquals(Set.of(FailureKind.RESET), c.retryOnKinds());
        assertEquals(List.of("rebound: bad value for retry-on: '600' (status code not in 400..599), 'timout' "
                        + "(not a status code or one of connect-failure, reset, timeout); using 502,reset"),
                c.problems().stream().map(ConfigProblem::message).toList());
        assertEquals(ConfigSource.SYSTEM_PROPERTY, c.source(ConfigKey.RETRY_ON));

        ReboundConfig m = withProperty("methods", "get, P OST,put");
        assertEquals(List.of("GET", "PUT"), List.copyOf(m.methods()));
        assertEquals("rebound: bad value for methods: 'P OST' (not an HTTP method name); using GET,PUT",
                m.problems().get(0).message());

        ReboundConfig h = withProperty("hosts.include", "API.example.com, a b");
        assertEquals(List.of("api.example.com"), h.hostsInclude());
        assertEquals("rebound: bad value for hosts.include: 'a b' (not a host or host:port glob); using api.example.com",
                h.problems().get(0).message());
    }

    @Test
    void emptyListsAreValidAndMeanNone() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.retry-on", " , ", "rebound.methods", "",
                "rebound.idempotency-header", ""), Map.of());
        assertEquals(List.of(), c.problems());
        assertEquals(Set.of(), c.retryOnStatuses());
        assertEquals(Set.of(), c.retryOnKinds());
        assertEquals(Set.of(), c.methods());
        assertEquals("", c.idempotencyHeader());
    }

    @ParameterizedTest
    @CsvSource({"250ms, 250000000", "2s, 2000000000", "1m, 60000000000", "1500, 1500000000", "0, 0",
        "2S, 2000000000", "' 7ms ', 7000000", "153722867m, 9223372020000000000"})
    void durationForms(String text, long nanos) {
        ReboundConfig c = withProperty("retry-after.max", text);
        assertEquals(List.of(), c.problems());
        assertEquals(nanos, c.retryAfterMaxNanos());
    }

    @Test
    void durationsAreListedInTheLargestExactUnit() {
        assertEquals("1500ms", withProperty("max-elapsed", "1500").valueText(ConfigKey.MAX_ELAPSED));
        assertEquals("2m", withProperty("max-elapsed", "120000ms").valueText(ConfigKey.MAX_ELAPSED));
        assertEquals("90s", withProperty("max-elapsed", "90s").valueText(ConfigKey.MAX_ELAPSED));
        assertEquals("0ms", withProperty("retry-after.max", "0m").valueText(ConfigKey.RETRY_AFTER_MAX));
    }

    @Test
    void booleansAndChoicesIgnoreCaseAndBlanks() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.enabled", " FALSE ", "rebound.mode", "Observe",
                "rebound.log.level", "DEBUG", "rebound.metrics.prometheus.port", "0"), Map.of());
        assertEquals(List.of(), c.problems());
        assertFalse(c.enabled());
        assertEquals(Mode.OBSERVE, c.mode());
        assertEquals(LogLevel.DEBUG, c.logLevel());
        assertEquals(0, c.prometheusPort());
    }

    @Test
    void longValuesAreCutAndControlCharactersHidden() {
        String junk = "x".repeat(500);
        ReboundConfig c = withProperty("mode", junk);
        assertEquals("rebound: bad value for mode: '" + "x".repeat(57) + "...' (not one of retry or observe); "
                + "using retry", c.problems().get(0).message());

        ReboundConfig d = withProperty("log.level", "a\nb\u001b[31m");
        assertEquals("rebound: bad value for log.level: 'a?b?[31m' (not one of error, warn, info or debug); "
                + "using info", d.problems().get(0).message());
    }

    @Test
    void badValueInOneSourceDoesNotFallThroughToALowerOne() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.max-attempts", "x"), Map.of("REBOUND_MAX_ATTEMPTS", "5"));
        assertEquals(3, c.maxAttempts());
        assertEquals(1, c.problems().size());
    }

    @Test
    void unknownInstrumentationNameIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> ReboundConfig.defaults(TestKeys.KEYS).instrumentationEnabled("gopher"));
    }

    @Test
    void problemsArePrintedOnceOnly() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.enabled", "nope", "rebound.mode", "x"), Map.of());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        assertTrue(c.printProblemsOnce(out));
        assertFalse(c.printProblemsOnce(out));
        assertEquals("rebound: bad value for enabled: 'nope' (not true or false); using true" + System.lineSeparator()
                        + "rebound: bad value for mode: 'x' (not one of retry or observe); using retry"
                        + System.lineSeparator(),
                buf.toString(StandardCharsets.UTF_8));
    }
}
