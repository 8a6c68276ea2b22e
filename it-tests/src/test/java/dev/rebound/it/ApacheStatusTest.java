package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Apache HttpClient 4.5 and 5.x against 502 upstreams: recovered (through {@code execute(request)} and
 * the response-handler form), exhausted with the upstream's exact last response, over https, with
 * Retry-After, and which methods and bodies may be re-sent. 502 is used where a status decides: neither
 * client retries it on its own, so the wire attempts are rebound's alone (503: ApacheCompositionTest).
 */
class ApacheStatusTest extends ApacheTest {

    private static final String KEY_HEADER = "Idempotency-Key:order-42";

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void recovers502Then200(Jdk jdk, String client, boolean agent) {
        flakyThenGood(jdk, client, agent, "response-code");
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void recovers502Then200ThroughAResponseHandler(Jdk jdk, String client, boolean agent) {
        flakyThenGood(jdk, client, agent, "handler");
    }

    private void flakyThenGood(Jdk jdk, String client, boolean agent, String entry) {
        String path = "/" + unique("flaky");
        String bad = unique("bad gateway");
        String good = unique("all good");
        upstream.sequence(path, status(502, bad), status(200, good));

        ChildResult result = call(apache(jdk, client, agent), upstream.url(path), "--entry", entry);

        assertWireAttempts(agent ? 2 : 1, path, result);
        if (agent) {
            assertResponse(200, good, result);
        } else {
            assertResponse(502, bad, result);
        }
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void exhausts502ForeverWithTheUpstreamsLastBodyIntact(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("down");
        String body = unique("upstream bad gateway page");
        upstream.always(path, status(502, body));

        ChildResult result = call(apache(jdk, client, agent), upstream.url(path));

        assertWireAttempts(agent ? 3 : 1, path, result);
        assertResponse(502, body, result);
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void recovers502Then200OverHttps(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("tls-flaky");
        String bad = unique("tls bad gateway");
        String good = unique("tls all good");
        upstream.sequence(path, status(502, bad), status(200, good));

        ChildResult result = call(TestCerts.get().trustedBy(apache(jdk, client, agent)), upstream.httpsUrl(path));

        assertWireAttempts(agent ? 2 : 1, path, result);
        assertResponse(agent ? 200 : 502, agent ? good : bad, result);
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void honoursRetryAfterOneSecond(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("busy");
        String busy = unique("busy, come back in a second");
        String good = unique("served after waiting");
        upstream.sequence(path, status(502, busy).withHeader("Retry-After", "1"), status(200, good));

        ChildResult result = call(apache(jdk, client, agent), upstream.url(path), "--show-header", "Retry-After");

        CallLine call = result.app().only();
        if (agent) {
            assertWireAttempts(2, path, result);
            assertResponse(200, good, result);
            assertTrue(call.ms() >= 1000, () -> "Retry-After: 1 must delay the retry by >= 1000 ms\n" + result.describe());
        } else {
            assertWireAttempts(1, path, result);
            assertResponse(502, busy, result);
            assertEquals("1", call.header("Retry-After"), result::describe);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkClient")
    void retryAfterBeyondTheCapIsNotWaitedFor(Jdk jdk, String client) {
        String path = "/" + unique("maintenance");
        String body = unique("down for an hour");
        upstream.always(path, status(502, body).withHeader("Retry-After", "3600"));

        ChildResult result = call(apache(jdk, client, true), upstream.url(path), "--show-header", "Retry-After");

        assertWireAttempts(1, path, result);
        assertResponse(502, body, result);
        CallLine call = result.app().only();
        assertEquals("3600", call.header("Retry-After"), result::describe);
        // A first call in a cold JVM takes up to a second or so; waiting would take retry-after.max (5 s) or more.
        assertTrue(call.ms() < 3000, () -> "a Retry-After above retry-after.max is returned at once\n" + result.describe());
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void postWithoutIdempotencyKeyIsSentOnce(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("post-nokey");
        String bad = unique("bad gateway");
        upstream.always(path, status(502, bad));

        ChildResult result = call(apache(jdk, client, agent), upstream.url(path), "--method", "POST", "--body", "payload");

        assertWireAttempts(1, path, result);
        assertResponse(502, bad, result);
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void postWithIdempotencyKeyRecoversWithTheSameBody(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("post-key");
        String good = unique("created");
        String body = unique("{\"order\":42,\"note\":\"same bytes every time ü\"}");
        upstream.sequence(path, status(502, unique("bad gateway")), status(502, unique("bad gateway")),
                status(200, good));

        ChildResult result = call(apache(jdk, client, agent), upstream.url(path),
                "--method", "POST", "--body", body, "--header", KEY_HEADER);

        assertWireAttempts(agent ? 3 : 1, path, result);
        if (agent) {
            assertResponse(200, good, result);
        }
        assertEveryBodyIs(body, path, result);
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void putIsRetriedByDefaultWithTheSameBody(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("put-down");
        String bad = unique("bad gateway");
        String body = unique("replace me");
        upstream.always(path, status(502, bad));

        ChildResult result = call(apache(jdk, client, agent), upstream.url(path), "--method", "PUT", "--body", body);

        assertWireAttempts(agent ? 3 : 1, path, result);
        assertResponse(502, bad, result);
        assertEveryBodyIs(body, path, result);
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void aStreamedEntityIsNeverResent(Jdk jdk, String client, boolean agent) {
        for (String streaming : List.of("fixed", "chunked")) {
            String path = "/" + unique("put-streamed");
            String bad = unique("bad gateway");
            String body = unique("one-shot stream bytes");
            upstream.always(path, status(502, bad));

            ChildResult result = call(apache(jdk, client, agent), upstream.url(path),
                    "--method", "PUT", "--body", body, "--header", KEY_HEADER, "--streaming", streaming);

            assertWireAttempts(1, path, result);
            assertResponse(502, bad, result);
            assertEveryBodyIs(body, path, result);
        }
    }

    private static void assertEveryBodyIs(String body, String path, ChildResult result) {
        byte[] expected = body.getBytes(StandardCharsets.UTF_8);
        List<LoggedRequest> requests = upstream.requests(path);
        assertTrue(!requests.isEmpty(), () -> "at least one request reached the server\n" + result.describe());
        for (int i = 0; i < requests.size(); i++) {
            int attempt = i + 1;
            assertArrayEquals(expected, requests.get(i).getBody(),
                    () -> "request body on the wire, attempt " + attempt + "\n" + result.describe());
        }
    }
}
