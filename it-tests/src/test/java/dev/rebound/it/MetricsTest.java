package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.it.apps.MetricsProbeApp;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus endpoint, scraped from inside the child by {@link MetricsProbeApp} after its calls,
 * checked against what the upstream saw.
 */
class MetricsTest extends UpstreamTest {

    private static final String CLIENT = "http-url-connection";

    @AcrossJdks
    void countersMatchTheServerSideCounts(Jdk jdk) {
        String flaky = "/" + unique("flaky");
        String down = "/" + unique("down");
        String fine = "/" + unique("fine");
        upstream.sequence(flaky, status(502, "bad"), status(200, "good"));
        upstream.always(down, status(502, "bad"));
        upstream.always(fine, status(200, "fine"));

        Scrape scrape = probe(ChildJvm.on(jdk).withAgent(), upstream.url(flaky), upstream.url(down), upstream.url(fine));

        List<CallLine> calls = scrape.result().app().calls();
        assertEquals(List.of(200, 502, 200), calls.stream().map(CallLine::status).toList(), scrape::describe);
        int wire = upstream.count(flaky) + upstream.count(down) + upstream.count(fine);
        assertEquals(2 + 3 + 1, wire, scrape::describe);

        Map<String, String> ours = Map.of("client", CLIENT, "host", upstream.host());
        PromText m = scrape.metrics();
        assertEquals(wire - calls.size(), m.sum("rebound_retries_total", ours), 0.0,
                () -> "retries counted by the agent == wire attempts beyond the first\n" + scrape.describe());
        assertEquals(1.0, m.sum("rebound_requests_total", with(ours, "outcome", "recovered")), 0.0, scrape::describe);
        assertEquals(1.0, m.sum("rebound_requests_total", with(ours, "outcome", "exhausted")), 0.0, scrape::describe);
        assertEquals(1.0, m.sum("rebound_requests_total", with(ours, "outcome", "ok")), 0.0, scrape::describe);
        assertEquals(calls.size(), m.sum("rebound_requests_total", with(ours, "method", "GET")), 0.0,
                () -> "one logical request per call\n" + scrape.describe());
        double backoff = m.sum("rebound_backoff_seconds_total", ours);
        assertTrue(backoff > 0 && backoff < 3, () -> "three short backoffs were slept\n" + scrape.describe());
        assertTrue(m.select("rebound_info", Map.of()).stream().anyMatch(s -> !s.labels().getOrDefault("version", "").isEmpty()),
                () -> "rebound_info{version} present\n" + scrape.describe());
        assertFalse(m.select("rebound_circuit_open", Map.of("host", upstream.host())).isEmpty(),
                () -> "rebound_circuit_open{host} present for the upstream\n" + scrape.describe());
        assertTrue(scrape.result().stdout().contains("jmx requests=3 retries=" + (wire - calls.size())),
                () -> "the JMX MBean reports the same counts\n" + scrape.describe());
        Promtool.assertValid(scrape.text());
    }

    @AcrossJdks
    void observeModeNeverResendsButCountsTheSkip(Jdk jdk) {
        String down = "/" + unique("down");
        upstream.always(down, status(502, "bad"));

        Scrape scrape = probe(ChildJvm.on(jdk).withAgent().rebound("mode", "observe"), upstream.url(down));

        assertEquals(Integer.valueOf(502), scrape.result().app().only().status(), scrape::describe);
        assertEquals(1, upstream.count(down), () -> "observe mode never re-sends\n" + scrape.describe());
        Map<String, String> ours = Map.of("client", CLIENT, "host", upstream.host());
        PromText m = scrape.metrics();
        assertEquals(1.0, m.sum("rebound_retries_skipped_total", with(ours, "cause", "observe")), 0.0, scrape::describe);
        assertEquals(0.0, m.sum("rebound_retries_total", ours), 0.0, scrape::describe);
        assertEquals(1.0, m.sum("rebound_requests_total", with(ours, "outcome", "not_retried")), 0.0, scrape::describe);
    }

    @AcrossJdks
    void refusedConnectionsAreRetriedAndCounted(Jdk jdk) {
        int closedPort = FreePorts.closed();
        String host = "127.0.0.1:" + closedPort;

        Scrape scrape = probe(ChildJvm.on(jdk).withAgent(), "http://" + host + "/nothing-listens");

        assertEquals("java.net.ConnectException", scrape.result().app().only().error(), scrape::describe);
        Map<String, String> ours = Map.of("client", CLIENT, "host", host);
        PromText m = scrape.metrics();
        assertEquals(2.0, m.sum("rebound_retries_total", ours), 0.0,
                () -> "default max-attempts 3: two retries of a refused connection\n" + scrape.describe());
        assertEquals(1.0, m.sum("rebound_requests_total", with(ours, "outcome", "exhausted")), 0.0, scrape::describe);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        java.util.HashMap<String, String> copy = new java.util.HashMap<>(labels);
        copy.put(key, value);
        return copy;
    }

    private record Scrape(ChildResult result, String text) {
        PromText metrics() {
            return PromText.parse(text);
        }

        String describe() {
            return result.describe();
        }
    }

    private static Scrape probe(ChildJvm jvm, String... urls) {
        int metricsPort = FreePorts.free();
        ChildResult result = jvm.rebound("metrics.prometheus.port", Integer.toString(metricsPort))
                .testApp(MetricsProbeApp.class)
                .args(Integer.toString(metricsPort))
                .args(urls)
                .run();
        assertEquals(0, result.exitCode(), () -> "probe app exit code\n" + result.describe());
        String out = result.stdout();
        int begin = out.indexOf("metrics-begin\n");
        int end = out.indexOf("metrics-end");
        assertTrue(begin >= 0 && end > begin, () -> "probe printed no metrics\n" + result.describe());
        return new Scrape(result, out.substring(begin + "metrics-begin\n".length(), end));
    }
}
