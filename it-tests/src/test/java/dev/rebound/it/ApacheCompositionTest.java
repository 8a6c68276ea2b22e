package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How rebound composes with the clients' own retry layers: rebound wraps the whole client, so each of
 * its attempts runs the client's retries once. Wire attempts per logical call are therefore rebound's
 * attempts times the client's for that outcome: for 502 (no client retries it) exactly
 * {@code max-attempts}; for 503 under HttpClient 5's default strategy (one retry, after 1 s) twice that.
 */
class ApacheCompositionTest extends ApacheTest {

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void a502IsRetriedByReboundAloneExactlyMaxAttemptsTimes(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("502");
        String body = unique("bad gateway");
        upstream.always(path, status(502, body));

        ChildResult result = call(apache(jdk, client, agent), upstream.url(path));

        assertWireAttempts(agent ? 3 : 1, path, result);
        assertResponse(502, body, result);
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void a503UnderTheClientsDefaultStrategy(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("503");
        String body = unique("unavailable");
        upstream.always(path, status(503, body));

        ChildResult result = call(apache(jdk, client, agent), upstream.url(path));

        // HttpClient 4 retries no status by default; HttpClient 5 retries 429 and 503 once, after 1 s.
        int perExecution = client.equals("apache5") ? 2 : 1;
        assertWireAttempts((agent ? 3 : 1) * perExecution, path, result);
        assertResponse(503, body, result);
        if (client.equals("apache5")) {
            long clientWaits = agent ? 3 : 1;
            assertTrue(result.app().only().ms() >= clientWaits * 1000,
                    () -> "each execution of HttpClient 5 waits 1 s before its own retry\n" + result.describe());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkClient")
    void maxAttemptsScalesTheProductNotTheClientsShare(Jdk jdk, String client) {
        String path = "/" + unique("503-two");
        upstream.always(path, status(503, "unavailable"));

        ChildResult result = call(apache(jdk, client, true).rebound("max-attempts", "2"), upstream.url(path));

        assertWireAttempts(2 * (client.equals("apache5") ? 2 : 1), path, result);
    }
}
