package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which JDK HttpClient calls may be re-sent: POST only with an {@code Idempotency-Key}, then with a
 * byte-identical body ({@code BodyPublishers.ofByteArray}, as the sample app sends it) on every attempt.
 */
class JdkClientMethodSafetyTest extends UpstreamTest {

    private static final String KEY_HEADER = "Idempotency-Key:order-42";

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("dev.rebound.it.JdkClients#jdkClientAndAgent")
    void postWithoutIdempotencyKeyIsSentOnce(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("post-nokey");
        String bad = unique("bad gateway");
        upstream.always(path, status(502, bad));

        ChildResult result = call(app(jdk, agent), upstream.url(path), "--client", client,
                "--method", "POST", "--body", "payload");

        assertWireAttempts(1, path, result);
        assertResponse(502, bad, result);
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("dev.rebound.it.JdkClients#jdkClientAndAgent")
    void postWithIdempotencyKeyIsRetriedWithTheSameBodyUntilExhausted(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("post-key-down");
        String bad = unique("bad gateway");
        String body = unique("{\"order\":42,\"note\":\"same bytes every time ü\"}");
        upstream.always(path, status(502, bad));

        ChildResult result = call(app(jdk, agent), upstream.url(path), "--client", client,
                "--method", "POST", "--body", body, "--header", KEY_HEADER);

        assertWireAttempts(agent ? 3 : 1, path, result);
        assertResponse(502, bad, result);
        assertEveryBodyIs(body, path, result);
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("dev.rebound.it.JdkClients#jdkClientAndAgent")
    void postWithIdempotencyKeyRecoversWithTheSameBody(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("post-key-flaky");
        String good = unique("created");
        String body = unique("{\"order\":43}");
        upstream.sequence(path, status(502, unique("bad gateway")), status(200, good));

        ChildResult result = call(app(jdk, agent), upstream.url(path), "--client", client,
                "--method", "POST", "--body", body, "--header", KEY_HEADER);

        assertWireAttempts(agent ? 2 : 1, path, result);
        if (agent) {
            assertResponse(200, good, result);
        } else {
            assertEquals(Integer.valueOf(502), result.app().only().status(), result::describe);
        }
        assertEveryBodyIs(body, path, result);
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("dev.rebound.it.JdkClients#jdkClientAndAgent")
    void putIsRetriedByDefault(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("put-down");
        String bad = unique("bad gateway");
        String body = unique("replace me");
        upstream.always(path, status(502, bad));

        ChildResult result = call(app(jdk, agent), upstream.url(path), "--client", client,
                "--method", "PUT", "--body", body);

        assertWireAttempts(agent ? 3 : 1, path, result);
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
