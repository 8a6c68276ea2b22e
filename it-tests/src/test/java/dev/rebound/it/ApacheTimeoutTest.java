package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code max-elapsed} bounds the whole call. Neither client retries a read timeout itself, so every wire
 * attempt here is one of rebound's. (That each attempt has the request's own timeout is a scenario of
 * {@link ClientSettingsScenarios}, for every client.)
 */
class ApacheTimeoutTest extends ApacheTest {

    private static final String RETRY_ON_WITH_TIMEOUT = "502,503,504,connect-failure,timeout";
    private static final int SERVER_DELAY_MS = 1_500;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkClient")
    void maxElapsedBoundsTheWholeCall(Jdk jdk, String client) {
        String path = "/" + unique("slow-deadline");
        upstream.always(path, status(200, "too late").withFixedDelay(SERVER_DELAY_MS));

        ChildResult result = apache(jdk, client, true).rebound("retry-on", RETRY_ON_WITH_TIMEOUT)
                .rebound("max-elapsed", "300ms")
                .args("--timeout-ms", "500", upstream.url(path)).run();

        // The first attempt alone outlasts max-elapsed: no retry may start after it (with 10 s: three attempts).
        // WireMock journals a request as it starts to answer it, before the delay: once the app has
        // exited, the count is final.
        assertWireAttempts(1, path, result);
        assertEquals("java.net.SocketTimeoutException", result.app().only().error(), result::describe);
    }
}
