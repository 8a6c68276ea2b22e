package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.it.apps.SampleAppProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent's switches, observe mode, metrics and stderr for the Apache clients: the same settings and
 * series as for HttpURLConnection, under the clients' own {@code client} labels.
 */
class ApacheAgentTest extends ApacheTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkClient")
    void eachClientHasItsOwnSwitch(Jdk jdk, String client) {
        String other = client.equals("apache4") ? "apache5" : "apache4";
        String path = "/" + unique("down");
        upstream.always(path, status(502, "bad"));
        String otherPath = "/" + unique("down-other");
        upstream.always(otherPath, status(502, "bad"));

        String key = "instrumentation." + label(client) + ".enabled";
        ChildResult off = call(apache(jdk, client, true).rebound(key, "false"), upstream.url(path));
        ChildResult stillOn = call(app(jdk, true).rebound(key, "false").args("--client", other), upstream.url(otherPath));

        assertWireAttempts(1, path, off);
        assertWireAttempts(3, otherPath, stillOn);
        assertTrue(off.stderrLines().get(0).contains("instrumenting http-url-connection," + label(other) + ";"),
                off::describe);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkClient")
    void countersMatchTheServerSideCounts(Jdk jdk, String client) {
        String flaky = "/" + unique("flaky");
        String down = "/" + unique("down");
        String fine = "/" + unique("fine");
        upstream.sequence(flaky, status(502, "bad"), status(200, "good"));
        upstream.always(down, status(502, "bad"));
        upstream.always(fine, status(200, "fine"));

        PromText m = SampleAppProbe.scrape(ChildJvm.on(jdk).withAgent(), client,
                upstream.url(flaky), upstream.url(down), upstream.url(fine));

        int wire = upstream.count(flaky) + upstream.count(down) + upstream.count(fine);
        assertEquals(2 + 3 + 1, wire);
        Map<String, String> ours = Map.of("client", label(client), "host", upstream.host());
        assertEquals(wire - 3, m.sum("rebound_retries_total", ours), 0.0, "retries == wire attempts beyond the first");
        assertEquals(wire - 3, m.sum("rebound_retries_total", with(ours, "reason", "502")), 0.0);
        assertEquals(1.0, m.sum("rebound_requests_total", with(ours, "outcome", "recovered")), 0.0);
        assertEquals(1.0, m.sum("rebound_requests_total", with(ours, "outcome", "exhausted")), 0.0);
        assertEquals(1.0, m.sum("rebound_requests_total", with(ours, "outcome", "ok")), 0.0);
        assertEquals(3.0, m.sum("rebound_requests_total", with(ours, "method", "GET")), 0.0, "one logical call each");
        assertEquals(0.0, m.sum("rebound_requests_total", Map.of("client", "http-url-connection")), 0.0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkClient")
    void observeModeNeverResendsButCountsTheSkip(Jdk jdk, String client) {
        String down = "/" + unique("down");
        upstream.always(down, status(502, "bad"));

        PromText m = SampleAppProbe.scrape(ChildJvm.on(jdk).withAgent().rebound("mode", "observe"), client,
                upstream.url(down));

        assertEquals(1, upstream.count(down), "observe mode never re-sends");
        Map<String, String> ours = Map.of("client", label(client), "host", upstream.host());
        assertEquals(1.0, m.sum("rebound_retries_skipped_total", with(ours, "cause", "observe")), 0.0);
        assertEquals(0.0, m.sum("rebound_retries_total", ours), 0.0);
        assertEquals(1.0, m.sum("rebound_requests_total", with(ours, "outcome", "not_retried")), 0.0);
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void aHealthyRunLeavesStderrToTheAgentsStartupLine(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("fine");
        String body = unique("fine");
        upstream.always(path, status(200, body));

        ChildResult result = call(apache(jdk, client, agent), upstream.url(path), "--count", "3");

        assertWireAttempts(3, path, result);
        List<String> lines = result.stderrLines();
        if (agent) {
            assertEquals(1, lines.size(), result::describe);
            assertTrue(lines.get(0).startsWith("rebound "), result::describe);
        } else {
            assertEquals(List.of(), lines, result::describe);
        }
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        java.util.HashMap<String, String> copy = new java.util.HashMap<>(labels);
        copy.put(key, value);
        return copy;
    }
}
