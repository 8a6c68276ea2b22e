package dev.rebound.it;

import static dev.rebound.it.Upstreams.faulty;
import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.rebound.it.apps.JdkClientProbeApp;
import java.util.List;

/**
 * Transport faults on the JDK HttpClient, through {@code send} and {@code sendAsync}. Without the agent
 * the client sends once on a fresh connection; which IOException the app then sees varies from run to
 * run even without the agent (the NIO transport races the peer's close), so the assertion is that the app
 * sees a JDK IOException as such, never anything of rebound's. Wire attempts never exceed
 * {@code max-attempts}. On a pooled HTTP/1.1 connection the client itself re-sends a GET that died before
 * any byte of answer; while rebound re-sends resets it switches that off, so its attempts are not doubled.
 */
class JdkClientFaultTest extends ClientFaultTest {

    /** Without the agent the JDK client sends a request once on a fresh connection, whatever the fault. */
    private static final int FRESH_CONNECTION_BASELINE = 1;
    /** Without the agent, a GET whose pooled connection dies unanswered is sent twice (pooled, then fresh). */
    private static final int POOLED_CONNECTION_BASELINE = 2;

    @Override
    List<ClientKind> clients() {
        return List.of(ClientKind.JDK, ClientKind.JDK_ASYNC);
    }

    @Override
    Expected expected(ClientKind client, Fault fault, String method, Mode mode) {
        if (mode != Mode.RESET_IN_RETRY_ON || method.equals("POST")) {
            return Expected.exactly(FRESH_CONNECTION_BASELINE, ANY_JDK_IO_EXCEPTION);
        }
        // Garbage, or a status line followed by a broken chunk: the client reports either a protocol error
        // (not a reset: the call ends) or a connection cut short (a reset: retried), run by run.
        return failsBeforeAnyResponse(fault) ? Expected.exactly(MAX_ATTEMPTS, ANY_JDK_IO_EXCEPTION)
                : Expected.between(1, MAX_ATTEMPTS, ANY_JDK_IO_EXCEPTION);
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
}
