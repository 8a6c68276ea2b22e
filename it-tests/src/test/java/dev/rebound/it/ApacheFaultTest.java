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
 * Transport faults on Apache HttpClient. Both clients have their own retry layer for I/O errors on
 * idempotent requests (HttpClient 4: 3 retries; 5: 1 retry), which stays in charge: the baseline
 * without the agent is pinned here, the default {@code retry-on} leaves it exactly as it is, and with
 * {@code reset} added each of rebound's attempts runs the client's whole retry layer once.
 */
class ApacheFaultTest extends ApacheTest {

    /** {@code reset}: the failure comes before any response, so rebound counts it as a {@code reset}. */
    private record Baseline(int getAttempts, int postAttempts, String error, boolean reset) {
    }

    /**
     * Wire attempts (GET, POST) and the exception the app sees WITHOUT the agent, JDK 17 and 25 alike.
     * A malformed chunk arrives after the status line and headers: the response was delivered, the app
     * fails while reading its body, and nobody re-sends.
     */
    private static final Map<String, Map<Fault, Baseline>> BASELINE = Map.of(
            "apache4", Map.of(
                    Fault.CONNECTION_RESET_BY_PEER, new Baseline(4, 1, "java.net.SocketException", true),
                    Fault.EMPTY_RESPONSE, new Baseline(4, 1, "org.apache.http.NoHttpResponseException", true),
                    Fault.RANDOM_DATA_THEN_CLOSE, new Baseline(1, 1, "org.apache.http.client.ClientProtocolException", false),
                    Fault.MALFORMED_RESPONSE_CHUNK, new Baseline(1, 1, "org.apache.http.MalformedChunkCodingException", false)),
            "apache5", Map.of(
                    Fault.CONNECTION_RESET_BY_PEER, new Baseline(2, 1, "java.net.SocketException", true),
                    Fault.EMPTY_RESPONSE, new Baseline(2, 1, "org.apache.hc.core5.http.NoHttpResponseException", true),
                    // HttpClient 5 reads garbage without a status line as no response at all.
                    Fault.RANDOM_DATA_THEN_CLOSE, new Baseline(2, 1, "org.apache.hc.core5.http.NoHttpResponseException", true),
                    Fault.MALFORMED_RESPONSE_CHUNK, new Baseline(1, 1, "org.apache.hc.core5.http.MalformedChunkCodingException", false)));

    private static final int MAX_ATTEMPTS = 3;
    private static final String RETRY_ON_WITH_RESET = "502,503,504,connect-failure,reset";

    static Stream<Arguments> jdkClientFaultMethod() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (String client : CLIENTS) {
                for (Fault fault : Fault.values()) {
                    all.add(Arguments.of(jdk, client, fault, "GET"));
                    all.add(Arguments.of(jdk, client, fault, "POST"));
                }
            }
        }
        return all.stream();
    }

    static Stream<Arguments> jdkClientFault() {
        return jdkClientFaultMethod().filter(a -> a.get()[3].equals("GET"));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("jdkClientFaultMethod")
    void withoutAgentTheClientsOwnAttemptsAreAsPinned(Jdk jdk, String client, Fault fault, String method) {
        String path = "/" + unique("fault");
        upstream.fault(path, fault);

        ChildResult result = faultCall(apache(jdk, client, false), path, method);

        Baseline baseline = BASELINE.get(client).get(fault);
        assertWireAttempts(method.equals("GET") ? baseline.getAttempts() : baseline.postAttempts(), path, result);
        assertEquals(baseline.error(), result.app().only().error(), () -> "exception the app saw\n" + result.describe());
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("jdkClientFaultMethod")
    void withDefaultRetryOnFaultsAreLeftToTheClient(Jdk jdk, String client, Fault fault, String method) {
        String path = "/" + unique("fault");
        upstream.fault(path, fault);

        ChildResult result = faultCall(apache(jdk, client, true), path, method);

        Baseline baseline = BASELINE.get(client).get(fault);
        assertWireAttempts(method.equals("GET") ? baseline.getAttempts() : baseline.postAttempts(), path, result);
        assertEquals(baseline.error(), result.app().only().error(),
                () -> "the app must see the same failure as without the agent\n" + result.describe());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("jdkClientFault")
    void withResetInRetryOnEachAttemptRunsTheClientsRetriesOnce(Jdk jdk, String client, Fault fault) {
        String path = "/" + unique("fault");
        upstream.fault(path, fault);

        ChildResult result = faultCall(apache(jdk, client, true).rebound("retry-on", RETRY_ON_WITH_RESET), path, "GET");

        Baseline baseline = BASELINE.get(client).get(fault);
        assertWireAttempts(baseline.reset() ? MAX_ATTEMPTS * baseline.getAttempts() : baseline.getAttempts(),
                path, result);
        assertEquals(baseline.error(), result.app().only().error(),
                () -> "every attempt failed: the app sees the same failure as without the agent\n" + result.describe());
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void aRefusedConnectionIsRetried(Jdk jdk, String client, boolean agent) {
        int closedPort = FreePorts.closed();
        ChildJvm jvm = apache(jdk, client, agent);
        if (agent) {
            jvm.rebound("log.level", "debug");
        }
        ChildResult result = call(jvm, "http://127.0.0.1:" + closedPort + "/nothing-listens");

        String expected = client.equals("apache4") ? "org.apache.http.conn.HttpHostConnectException"
                : "org.apache.hc.client5.http.HttpHostConnectException";
        assertEquals(expected, result.app().only().error(), () -> "exception the app saw\n" + result.describe());
        long retries = result.stderrLines().stream()
                .filter(l -> l.contains(label(client)) && l.contains("connect-failure, retrying")).count();
        assertEquals(agent ? 2 : 0, retries, () -> "retries of the refused connection in the debug log\n" + result.describe());
    }

    private static ChildResult faultCall(ChildJvm jvm, String path, String method) {
        ChildResult result = method.equals("GET")
                ? call(jvm, upstream.url(path))
                : call(jvm, upstream.url(path), "--method", method, "--body", "not idempotent");
        assertNotNull(result.app().only().error(), () -> "a faulty upstream must end in an exception\n" + result.describe());
        assertTrue(result.stderrLines().stream().allMatch(l -> l.startsWith("rebound")),
                () -> "nothing but rebound lines on stderr\n" + result.describe());
        return result;
    }
}
