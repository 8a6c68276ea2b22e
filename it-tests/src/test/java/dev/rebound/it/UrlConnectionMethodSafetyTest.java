package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Which HttpURLConnection calls may be re-sent: POST only with an {@code Idempotency-Key}, then with
 * a byte-identical body on every attempt; never a streamed body, whose bytes are gone once sent.
 */
class UrlConnectionMethodSafetyTest extends UpstreamTest {

    private static final String KEY_HEADER = "Idempotency-Key:order-42";

    @AcrossJdksWithAndWithoutAgent
    void postWithoutIdempotencyKeyIsSentOnce(Jdk jdk, boolean agent) {
        String path = "/" + unique("post-nokey");
        String bad = unique("bad gateway");
        upstream.always(path, status(502, bad));

        ChildResult result = call(app(jdk, agent), upstream.url(path), "--method", "POST", "--body", "payload");

        assertWireAttempts(1, path, result);
        assertResponse(502, bad, result);
    }

    @AcrossJdksWithAndWithoutAgent
    void postWithIdempotencyKeyIsRetriedWithTheSameBodyUntilExhausted(Jdk jdk, boolean agent) {
        String path = "/" + unique("post-key-down");
        String bad = unique("bad gateway");
        String body = unique("{\"order\":42,\"note\":\"same bytes every time ü\"}");
        upstream.always(path, status(502, bad));

        ChildResult result = call(app(jdk, agent), upstream.url(path),
                "--method", "POST", "--body", body, "--header", KEY_HEADER);

        assertWireAttempts(agent ? 3 : 1, path, result);
        assertResponse(502, bad, result);
        assertEveryBodyIs(body, path, result);
    }

    @AcrossJdksWithAndWithoutAgent
    void postWithIdempotencyKeyRecoversWithTheSameBody(Jdk jdk, boolean agent) {
        String path = "/" + unique("post-key-flaky");
        String good = unique("created");
        String body = unique("{\"order\":43}");
        upstream.sequence(path, status(502, unique("bad gateway")), status(200, good));

        ChildResult result = call(app(jdk, agent), upstream.url(path),
                "--method", "POST", "--body", body, "--header", KEY_HEADER);

        assertWireAttempts(agent ? 2 : 1, path, result);
        if (agent) {
            assertResponse(200, good, result);
        } else {
            assertEquals(Integer.valueOf(502), result.app().only().status(), result::describe);
        }
        assertEveryBodyIs(body, path, result);
    }

    @AcrossJdksWithAndWithoutAgent
    void putIsRetriedByDefault(Jdk jdk, boolean agent) {
        String path = "/" + unique("put-down");
        String bad = unique("bad gateway");
        String body = unique("replace me");
        upstream.always(path, status(502, bad));

        ChildResult result = call(app(jdk, agent), upstream.url(path), "--method", "PUT", "--body", body);

        assertWireAttempts(agent ? 3 : 1, path, result);
        assertResponse(502, bad, result);
        assertEveryBodyIs(body, path, result);
    }

    @AcrossJdksWithAndWithoutAgent
    void fixedLengthStreamedPostIsSentOnceEvenWithAKey(Jdk jdk, boolean agent) {
        streamedPostIsSentOnce(jdk, agent, "fixed");
    }

    @AcrossJdksWithAndWithoutAgent
    void chunkedStreamedPostIsSentOnceEvenWithAKey(Jdk jdk, boolean agent) {
        streamedPostIsSentOnce(jdk, agent, "chunked");
    }

    private void streamedPostIsSentOnce(Jdk jdk, boolean agent, String streaming) {
        String path = "/" + unique("post-streamed");
        String bad = unique("bad gateway");
        String body = unique("streamed bytes");
        upstream.always(path, status(502, bad));

        ChildResult result = call(app(jdk, agent), upstream.url(path),
                "--method", "POST", "--body", body, "--header", KEY_HEADER, "--streaming", streaming);

        assertWireAttempts(1, path, result);
        assertResponse(502, bad, result);
        assertEveryBodyIs(body, path, result);
    }

    private static void assertEveryBodyIs(String body, String path, ChildResult result) {
        byte[] expected = body.getBytes(StandardCharsets.UTF_8);
        List<LoggedRequest> requests = upstream.requests(path);
        for (int i = 0; i < requests.size(); i++) {
            int attempt = i + 1;
            assertArrayEquals(expected, requests.get(i).getBody(),
                    () -> "request body on the wire, attempt " + attempt + "\n" + result.describe());
        }
        assertEquals(expected.length, requests.isEmpty() ? -1 : requests.get(0).getBody().length,
                () -> "at least one request with the body reached the server\n" + result.describe());
    }
}
