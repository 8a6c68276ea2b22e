package dev.rebound.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the sample-app scenario tests: one WireMock upstream per test class, reset before each
 * test, plus helpers to run the sample app against it and to check wire attempts.
 */
abstract class UpstreamTest {

    /** The sample app's own per-call timeout: every call is bounded well inside the child's timeout. */
    static final String CALL_TIMEOUT_MS = "5000";

    static Upstreams upstream;

    @BeforeAll
    static void startUpstream() {
        upstream = Upstreams.httpAndHttps();
    }

    @AfterAll
    static void stopUpstream() {
        if (upstream != null) {
            upstream.close();
            upstream = null;
        }
    }

    @BeforeEach
    void resetUpstream() {
        upstream.reset();
    }

    /** The sample app on {@code jdk}, with or without {@code -javaagent}. */
    static ChildJvm app(Jdk jdk, boolean agent) {
        return ChildJvm.on(jdk).agent(agent).sampleApp();
    }

    /**
     * Runs the sample app with {@code options} then {@code url}; asserts it completed normally
     * (exit 0 and its {@code done} line).
     */
    static ChildResult call(ChildJvm jvm, String url, String... options) {
        ChildResult result = jvm.args(options).args("--timeout-ms", CALL_TIMEOUT_MS, url).run();
        assertEquals(0, result.exitCode(), () -> "sample app exit code\n" + result.describe());
        assertTrue(result.app().finished(), () -> "sample app printed no done line\n" + result.describe());
        return result;
    }

    /** Asserts the upstream saw exactly {@code expected} requests on {@code path}. */
    static void assertWireAttempts(int expected, String path, AppResult result) {
        int seen = upstream.count(path);
        assertEquals(expected, seen, () -> "wire attempts on " + path + " (server side)\n" + result.describe());
    }

    /** Asserts the single call got {@code status} and exactly {@code body}. */
    static void assertResponse(int status, String body, AppResult result) {
        CallLine call = result.app().only();
        assertEquals(Integer.valueOf(status), call.status(), () -> "status the app saw\n" + result.describe());
        assertEquals(Sha256.hex(body), call.sha256(), () -> "sha256 of the body the app saw\n" + result.describe());
        assertEquals(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, call.bytes(),
                () -> "body length the app saw\n" + result.describe());
    }

    /** A path and body text no other test uses, so journals and digests cannot mix. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
