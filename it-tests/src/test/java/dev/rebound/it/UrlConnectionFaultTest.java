package dev.rebound.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transport faults on HttpURLConnection. The JDK itself silently re-sends a request once when the
 * connection dies before a response header (also for POST: {@code sun.net.http.retryPost} is true by
 * default), so the baseline without the agent is measured and pinned here, and with the agent the
 * wire attempts must never exceed {@code max(baseline, max-attempts)}; retrying {@code reset} must
 * not stack the JDK's hidden retry on top of the agent's three attempts.
 */
class UrlConnectionFaultTest extends UpstreamTest {

    /** Wire attempts and final exception WITHOUT the agent, as measured on JDK 17 and 25 (GET and POST alike). */
    private static final Map<Fault, Baseline> BASELINE = Map.of(
            Fault.CONNECTION_RESET_BY_PEER, new Baseline(2, "java.net.SocketException"),
            Fault.EMPTY_RESPONSE, new Baseline(2, "java.net.SocketException"),
            Fault.RANDOM_DATA_THEN_CLOSE, new Baseline(1, "java.io.IOException"),
            Fault.MALFORMED_RESPONSE_CHUNK, new Baseline(1, "java.io.IOException"));

    private static final int MAX_ATTEMPTS = 3;
    private static final String RETRY_ON_WITH_RESET = "502,503,504,connect-failure,reset";

    private record Baseline(int attempts, String error) {
    }

    static Stream<Arguments> jdkFaultMethod() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (Fault fault : Fault.values()) {
                all.add(Arguments.of(jdk, fault, "GET"));
                all.add(Arguments.of(jdk, fault, "POST"));
            }
        }
        return all.stream();
    }

    static Stream<Arguments> jdkFault() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (Fault fault : Fault.values()) {
                all.add(Arguments.of(jdk, fault));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("jdkFaultMethod")
    void withoutAgentTheJdksOwnAttemptsAreAsPinned(Jdk jdk, Fault fault, String method) {
        String path = "/" + unique("fault");
        upstream.fault(path, fault);

        ChildResult result = faultCall(app(jdk, false), path, method);

        Baseline baseline = BASELINE.get(fault);
        assertWireAttempts(baseline.attempts(), path, result);
        assertEquals(baseline.error(), result.app().only().error(), () -> "exception the app saw\n" + result.describe());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("jdkFaultMethod")
    void withDefaultRetryOnFaultsAreNotRetriedByTheAgent(Jdk jdk, Fault fault, String method) {
        String path = "/" + unique("fault");
        upstream.fault(path, fault);

        ChildResult result = faultCall(app(jdk, true), path, method);

        Baseline baseline = BASELINE.get(fault);
        int limit = method.equals("GET") ? Math.max(baseline.attempts(), MAX_ATTEMPTS) : baseline.attempts();
        assertAttemptsWithin(1, limit, path, result);
        assertEquals(baseline.error(), result.app().only().error(),
                () -> "the app must see the same failure as without the agent\n" + result.describe());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkFault")
    void withResetInRetryOnGetMakesAtMostThreeWireAttempts(Jdk jdk, Fault fault) {
        String path = "/" + unique("fault");
        upstream.fault(path, fault);

        ChildResult result = faultCall(app(jdk, true).rebound("retry-on", RETRY_ON_WITH_RESET), path, "GET");

        boolean failsBeforeAnyResponse = fault == Fault.CONNECTION_RESET_BY_PEER || fault == Fault.EMPTY_RESPONSE;
        if (failsBeforeAnyResponse) {
            assertWireAttempts(MAX_ATTEMPTS, path, result);
        } else {
            assertAttemptsWithin(1, MAX_ATTEMPTS, path, result);
        }
        assertEquals(BASELINE.get(fault).error(), result.app().only().error(),
                () -> "every attempt failed: the app sees the same failure as without the agent\n" + result.describe());
    }

    @AcrossJdks
    void withoutAgentARefusedConnectionIsAConnectException(Jdk jdk) {
        refusedConnection(jdk, false);
    }

    @AcrossJdks
    void aRefusedConnectionIsRetriedAndLogged(Jdk jdk) {
        refusedConnection(jdk, true);
    }

    private void refusedConnection(Jdk jdk, boolean agent) {
        int closedPort = FreePorts.closed();
        ChildJvm jvm = app(jdk, agent);
        if (agent) {
            jvm.rebound("log.level", "debug");
        }
        ChildResult result = call(jvm, "http://127.0.0.1:" + closedPort + "/nothing-listens");

        CallLine call = result.app().only();
        assertEquals("java.net.ConnectException", call.error(), () -> "exception the app saw\n" + result.describe());
        if (agent) {
            assertTrue(result.stderr().contains("connect-failure"),
                    () -> "debug log names the retried failure kind\n" + result.describe());
        }
    }

    private static ChildResult faultCall(ChildJvm jvm, String path, String method) {
        ChildResult result = method.equals("GET")
                ? call(jvm, upstream.url(path))
                : call(jvm, upstream.url(path), "--method", method, "--body", "not idempotent");
        assertNotNull(result.app().only().error(), () -> "a faulty upstream must end in an exception\n" + result.describe());
        return result;
    }

    private static void assertAttemptsWithin(int min, int max, String path, ChildResult result) {
        int seen = upstream.count(path);
        assertTrue(seen >= min && seen <= max,
                () -> "wire attempts on " + path + " must be in [" + min + ", " + max + "] but were " + seen
                        + "\n" + result.describe());
    }
}
