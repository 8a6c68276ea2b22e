package dev.rebound.it;

import static dev.rebound.it.Upstreams.faulty;
import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.rebound.it.apps.JdkClientProbeApp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transport faults on the JDK HttpClient, through {@code send} and {@code sendAsync}. Without the agent
 * the client sends once on a fresh connection (pinned below); which IOException the app then sees varies
 * from run to run even without the agent (the NIO transport races the peer's close), so the assertion is
 * that the app sees a JDK IOException as such, never anything of rebound's. Wire attempts never exceed
 * {@code max-attempts}. On a pooled HTTP/1.1 connection the client itself re-sends a GET that died before
 * any byte of answer; while rebound re-sends resets it switches that off, so its attempts are not doubled.
 */
class JdkClientFaultTest extends UpstreamTest {

    /** Without the agent the JDK client sends a request once on a fresh connection, whatever the fault. */
    private static final int FRESH_CONNECTION_BASELINE = 1;
    /** Without the agent, a GET whose pooled connection dies unanswered is sent twice (pooled, then fresh). */
    private static final int POOLED_CONNECTION_BASELINE = 2;
    private static final int MAX_ATTEMPTS = 3;
    private static final String RETRY_ON_WITH_RESET = "502,503,504,connect-failure,reset";

    static Stream<Arguments> jdkClientFaultMethod() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (String client : JdkClients.CLIENTS) {
                for (Fault fault : Fault.values()) {
                    all.add(Arguments.of(jdk, client, fault, "GET"));
                    all.add(Arguments.of(jdk, client, fault, "POST"));
                }
            }
        }
        return all.stream();
    }

    static Stream<Arguments> jdkClientFault() {
        return jdkClientFaultMethod().filter(a -> a.get()[3].equals("GET"))
                .map(a -> Arguments.of(a.get()[0], a.get()[1], a.get()[2]));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("jdkClientFaultMethod")
    void withDefaultRetryOnFaultsReachTheAppUnretried(Jdk jdk, String client, Fault fault, String method) {
        for (boolean agent : new boolean[] {false, true}) {
            String path = "/" + unique("fault");
            upstream.fault(path, fault);

            ChildResult result = faultCall(app(jdk, agent), client, path, method);

            assertWireAttempts(FRESH_CONNECTION_BASELINE, path, result);
            assertJdkIoException(result);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("jdkClientFault")
    void withResetInRetryOnAGetMakesAtMostThreeWireAttempts(Jdk jdk, String client, Fault fault) {
        String path = "/" + unique("fault");
        upstream.fault(path, fault);

        ChildResult result = faultCall(app(jdk, true).rebound("retry-on", RETRY_ON_WITH_RESET), client, path, "GET");

        boolean failsBeforeAnyResponse = fault == Fault.CONNECTION_RESET_BY_PEER || fault == Fault.EMPTY_RESPONSE;
        if (failsBeforeAnyResponse) {
            assertWireAttempts(MAX_ATTEMPTS, path, result);
        } else {
            // Garbage, or a status line followed by a broken chunk: the client reports either a protocol
            // error (not a reset: the call ends) or a connection cut short (a reset: retried), run by run.
            int seen = upstream.count(path);
            assertTrue(seen >= 1 && seen <= MAX_ATTEMPTS, () -> "wire attempts " + seen + "\n" + result.describe());
        }
        assertJdkIoException(result);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("jdkClientFault")
    void withResetInRetryOnAPostWithoutKeyIsSentOnce(Jdk jdk, String client, Fault fault) {
        String path = "/" + unique("fault");
        upstream.fault(path, fault);

        ChildResult result = faultCall(app(jdk, true).rebound("retry-on", RETRY_ON_WITH_RESET), client, path, "POST");

        assertWireAttempts(FRESH_CONNECTION_BASELINE, path, result);
        assertJdkIoException(result);
    }

    @AcrossJdksWithAndWithoutAgent
    void aResetOnAPooledConnectionIsNotResentTwiceOver(Jdk jdk, boolean agent) {
        for (String retryOn : agent ? List.of("default", RETRY_ON_WITH_RESET) : List.of("none")) {
            String path = "/" + unique("pooled");
            upstream.sequence(path, status(200, unique("fine")), faulty(Fault.EMPTY_RESPONSE));
            ChildJvm jvm = ChildJvm.on(jdk).agent(agent).testApp(JdkClientProbeApp.class)
                    .args("sequential", "HTTP_1_1", "2", upstream.url(path));
            if (retryOn.equals(RETRY_ON_WITH_RESET)) {
                jvm.rebound("retry-on", retryOn);
            }

            ChildResult result = jvm.run();

            List<CallLine> calls = result.app().calls();
            assertEquals(Integer.valueOf(200), calls.get(0).status(), result::describe);
            assertNotNull(calls.get(1).error(), result::describe);
            // The JDK's own re-send stays as it is unless rebound re-sends resets itself: then it is off,
            // and rebound's three attempts are all there is.
            int expected = retryOn.equals(RETRY_ON_WITH_RESET) ? 1 + MAX_ATTEMPTS : 1 + POOLED_CONNECTION_BASELINE;
            assertWireAttempts(expected, path, result);
        }
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("dev.rebound.it.JdkClients#jdkClientAndAgent")
    void aRefusedConnectionIsAConnectExceptionRetriedByTheAgent(Jdk jdk, String client, boolean agent) {
        ChildJvm jvm = app(jdk, agent);
        if (agent) {
            jvm.rebound("log.level", "debug");
        }
        ChildResult result = call(jvm, "http://127.0.0.1:" + FreePorts.closed() + "/nothing-listens", "--client", client);

        assertEquals("java.net.ConnectException", result.app().only().error(), () -> "exception the app saw\n" + result.describe());
        long retried = result.stderrLines().stream()
                .filter(l -> l.startsWith("rebound: jdk-http-client ") && l.contains(" got connect-failure, retrying in ")).count();
        assertEquals(agent ? MAX_ATTEMPTS - 1 : 0, retried, () -> "retries in the debug log\n" + result.describe());
    }

    private static ChildResult faultCall(ChildJvm jvm, String client, String path, String method) {
        return method.equals("GET")
                ? call(jvm, upstream.url(path), "--client", client)
                : call(jvm, upstream.url(path), "--client", client, "--method", method, "--body", "not idempotent");
    }

    /** The app got an exception, and it is one of the JDK's own IOExceptions, as without the agent. */
    private static void assertJdkIoException(ChildResult result) {
        String error = result.app().only().error();
        assertNotNull(error, () -> "a faulty upstream must end in an exception\n" + result.describe());
        boolean jdkIo;
        try {
            jdkIo = error.startsWith("java.") && IOException.class.isAssignableFrom(Class.forName(error));
        } catch (ClassNotFoundException e) {
            jdkIo = false;
        }
        assertTrue(jdkIo, () -> "the app must see a JDK IOException, not " + error + "\n" + result.describe());
    }
}
