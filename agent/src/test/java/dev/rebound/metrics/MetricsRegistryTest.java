package dev.rebound.metrics;

import dev.rebound.engine.Client;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.SkipCause;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsRegistryTest {
    private static final Client HUC = Client.named("http-url-connection");
    private static final Client JDK = Client.named("jdk-http-client");

    /** Renders samples as "series|label,label,...=raw" so that whole snapshots compare at once. */
    static List<String> lines(List<Sample> samples) {
        return samples.stream()
                .map(s -> s.series().baseName() + "|" + String.join(",", s.labelValues()) + "=" + s.rawValue())
                .collect(Collectors.toList());
    }

    @Test
    void countsEachCallUnderItsLabels() {
        MetricsRegistry registry = new MetricsRegistry(10);
        registry.callEnded(HUC, "a.example", "GET", Outcome.OK);
        registry.callEnded(HUC, "a.example", "GET", Outcome.OK);
        registry.callEnded(HUC, "a.example", "POST", Outcome.NOT_RETRIED);
        registry.callEnded(JDK, "b.example", "GET", Outcome.RECOVERED);
        registry.callEnded(JDK, "b.example", "PUT", Outcome.EXHAUSTED);

        assertEquals(List.of(
                "requests|http-url-connection,a.example,GET,ok=2",
                "requests|http-url-connection,a.example,POST,not_retried=1",
                "requests|jdk-http-client,b.example,GET,recovered=1",
                "requests|jdk-http-client,b.example,PUT,exhausted=1"), lines(registry.snapshot()));
    }

    @Test
    void eachEventCountsInExactlyOneSeries() {
        MetricsRegistry registry = new MetricsRegistry(10);
        registry.callEnded(HUC, "h", "GET", Outcome.RECOVERED);
        assertEquals(List.of("requests|http-url-connection,h,GET,recovered=1"), lines(registry.snapshot()));

        MetricsRegistry retries = new MetricsRegistry(10);
        retries.retried(HUC, "h", "503", 1_500_000L);
        assertEquals(List.of("retries|http-url-connection,h,503=1",
                "backoff_seconds|http-url-connection,h=1500000"), lines(retries.snapshot()));

        MetricsRegistry skips = new MetricsRegistry(10);
        skips.retrySkipped(HUC, "h", SkipCause.BUDGET);
        assertEquals(List.of("retries_skipped|http-url-connection,h,budget=1"), lines(skips.snapshot()));
    }

    @Test
    void sumsBackoffOfRetriesSentInSeconds() {
        MetricsRegistry registry = new MetricsRegistry(10);
        registry.retried(JDK, "h", "502", 250_000_000L);
        registry.retried(JDK, "h", FailureKind.RESET.label(), 500_000_000L);
        registry.retried(JDK, "h", "502", -7L);

        List<Sample> backoff = registry.snapshot().stream()
                .filter(s -> s.series() == Series.BACKOFF_SECONDS).collect(Collectors.toList());
        assertEquals(1, backoff.size());
        assertEquals(750_000_000L, backoff.get(0).rawValue());
        assertEquals(0.75, backoff.get(0).value(), 1e-12);
        assertEquals(List.of("retries|jdk-http-client,h,502=2", "retries|jdk-http-client,h,reset=1"),
                lines(registry.snapshot()).subList(0, 2));
    }

    @Test
    void labelsEverySkipCause() {
        MetricsRegistry registry = new MetricsRegistry(10);
        for (SkipCause cause : SkipCause.values()) {
            for (int i = 0; i <= cause.ordinal(); i++) {
                registry.retrySkipped(Client.named("apache-httpclient-5"), "h", cause);
            }
        }
        List<String> expected = new ArrayList<>();
        for (SkipCause cause : SkipCause.values()) {
            expected.add("retries_skipped|apache-httpclient-5,h," + cause.label() + "=" + (cause.ordinal() + 1));
        }
        assertEquals(expected, lines(registry.snapshot()));
    }

    @Test
    void hostsPastTheCapShareOther() {
        MetricsRegistry registry = new MetricsRegistry(2);
        registry.callEnded(HUC, "a", "GET", Outcome.OK);
        registry.callEnded(HUC, "b", "GET", Outcome.OK);
        registry.callEnded(HUC, "c", "GET", Outcome.OK);
        registry.callEnded(HUC, "d", "GET", Outcome.OK);
        registry.callEnded(HUC, "a", "GET", Outcome.OK);
        registry.retrySkipped(HUC, "e", SkipCause.CIRCUIT);

        assertEquals(List.of("a", "b", MetricsRegistry.OTHER), registry.hostLabels());
        assertEquals(List.of(
                "requests|http-url-connection,a,GET,ok=2",
                "requests|http-url-connection,b,GET,ok=1",
                "requests|http-url-connection,other,GET,ok=2",
                "retries_skipped|http-url-connection,other,circuit=1"), lines(registry.snapshot()));
        assertEquals("b", registry.hostLabel("b"));
        assertEquals(MetricsRegistry.OTHER, registry.hostLabel("z"));
    }

    @Test
    void nullAndLiteralOtherHostsDoNotTakeASlot() {
        MetricsRegistry registry = new MetricsRegistry(1);
        registry.callEnded(HUC, null, "GET", Outcome.OK);
        registry.callEnded(HUC, "other", "GET", Outcome.OK);
        registry.callEnded(HUC, "real", "GET", Outcome.OK);

        assertEquals(List.of("real", MetricsRegistry.OTHER), registry.hostLabels());
        assertEquals(List.of("requests|http-url-connection,real,GET,ok=1",
                "requests|http-url-connection,other,GET,ok=2"), lines(registry.snapshot()));
    }

    @Test
    void zeroMaxHostsPutsEveryHostUnderOther() {
        MetricsRegistry registry = new MetricsRegistry(0);
        registry.callEnded(HUC, "a", "GET", Outcome.OK);
        registry.callEnded(HUC, "b", "GET", Outcome.OK);
        assertEquals(List.of(MetricsRegistry.OTHER), registry.hostLabels());
        assertEquals(List.of("requests|http-url-connection,other,GET,ok=2"), lines(registry.snapshot()));
    }

    @Test
    void rejectsNegativeMaxHosts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MetricsRegistry(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void snapshotOfOneHost() {
        MetricsRegistry registry = new MetricsRegistry(1);
        registry.callEnded(HUC, "a", "GET", Outcome.OK);
        registry.callEnded(HUC, "b", "HEAD", Outcome.OK);
        assertEquals(List.of("requests|http-url-connection,a,GET,ok=1"), lines(registry.snapshot("a")));
        assertEquals(List.of("requests|http-url-connection,other,HEAD,ok=1"), lines(registry.snapshot("other")));
        assertEquals(List.of(), registry.snapshot("never-seen"));
        assertEquals(List.of(), new MetricsRegistry(1).snapshot("other"));
    }

    @Test
    void ignoresEventsWithoutClientOutcomeOrCause() {
        MetricsRegistry registry = new MetricsRegistry(1);
        registry.callEnded(null, "a", "GET", Outcome.OK);
        registry.callEnded(HUC, "a", "GET", null);
        registry.retried(null, "a", "502", 1);
        registry.retrySkipped(HUC, "a", null);
        assertEquals(List.of(), registry.snapshot());
    }

    @Test
    void sampleGivesLabelsByName() {
        MetricsRegistry registry = new MetricsRegistry(1);
        registry.callEnded(JDK, "a", "DELETE", Outcome.EXHAUSTED);
        Sample s = registry.snapshot().get(0);
        assertEquals(List.of("client", "host", "method", "outcome"), s.series().labelNames());
        assertEquals("DELETE", s.label("method"));
        assertEquals("exhausted", s.label("outcome"));
        assertThrows(IllegalArgumentException.class, () -> s.label("reason"));
    }
}
