package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client's response timeout applies to each attempt, and {@code max-elapsed} bounds the whole call.
 * Neither client retries a read timeout itself, so every wire attempt here is one of rebound's.
 */
class ApacheTimeoutTest extends ApacheTest {

    private static final String RETRY_ON_WITH_TIMEOUT = "502,503,504,connect-failure,timeout";
    private static final int SERVER_DELAY_MS = 1_500;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkClient")
    void eachAttemptHasTheRequestsOwnTimeout(Jdk jdk, String client) {
        String path = "/" + unique("slow");
        upstream.always(path, status(200, "too late").withFixedDelay(SERVER_DELAY_MS));

        ChildResult result = apache(jdk, client, true).rebound("retry-on", RETRY_ON_WITH_TIMEOUT)
                .args("--timeout-ms", "500", upstream.url(path)).run();

        awaitWireAttempts(3, path, result);
        CallLine call = result.app().only();
        assertEquals("java.net.SocketTimeoutException", call.error(), result::describe);
        assertTrue(call.ms() >= 1500 && call.ms() < 3 * SERVER_DELAY_MS,
                () -> "three attempts of 500 ms each, none waiting for the slow answer\n" + result.describe());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkClient")
    void maxElapsedBoundsTheWholeCall(Jdk jdk, String client) {
        String path = "/" + unique("slow-deadline");
        upstream.always(path, status(200, "too late").withFixedDelay(SERVER_DELAY_MS));

        ChildResult result = apache(jdk, client, true).rebound("retry-on", RETRY_ON_WITH_TIMEOUT)
                .rebound("max-elapsed", "300ms")
                .args("--timeout-ms", "500", upstream.url(path)).run();

        // The first attempt alone outlasts max-elapsed: no retry may start after it (with 10 s: three attempts).
        awaitWireAttempts(1, path, result);
        assertEquals("java.net.SocketTimeoutException", result.app().only().error(), result::describe);
    }

    /**
     * WireMock journals a request once it has answered it, after its delay: the count is read once the
     * last answer is due, then must be exactly {@code expected}.
     */
    private static void awaitWireAttempts(int expected, String path, ChildResult result) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(3L * SERVER_DELAY_MS);
        while (upstream.count(path) < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            Thread.sleep(SERVER_DELAY_MS); // no further, later attempt may show up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertWireAttempts(expected, path, result);
    }
}
