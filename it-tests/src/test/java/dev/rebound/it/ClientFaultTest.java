package dev.rebound.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.rebound.it.Scenario.Check;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Transport faults (every WireMock {@link Fault}, on a GET and on a POST without key), written once: a
 * subclass names its clients and what each fault does to them. Clients re-send some failed requests by
 * themselves, so the wire attempts without the agent are pinned per client ({@link Mode#WITHOUT_AGENT});
 * with the default {@code retry-on} the agent must leave them as they are, and with {@code reset} added
 * it must never stack its attempts on the client's hidden ones beyond what the subclass allows. Per JDK,
 * client and mode, all eight calls run in one child JVM: none of them gets an answer, so no connection
 * is ever pooled from one call to the next.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientFaultTest extends UpstreamTest {

    static final int MAX_ATTEMPTS = 3;
    static final String RETRY_ON_WITH_RESET = "502,503,504,connect-failure,reset";
    /** An {@link Expected#error} that any {@code java.*} IOException satisfies. */
    static final String ANY_JDK_IO_EXCEPTION = "a JDK IOException";

    enum Mode {
        WITHOUT_AGENT, DEFAULT_RETRY_ON, RESET_IN_RETRY_ON;

        boolean agent() {
            return this != WITHOUT_AGENT;
        }
    }

    /** Wire attempts within {@code [min, max]}, and the exception the app gets. */
    record Expected(int min, int max, String error) {
        static Expected exactly(int attempts, String error) {
            return new Expected(attempts, attempts, error);
        }

        static Expected between(int min, int max, String error) {
            return new Expected(min, max, error);
        }
    }

    abstract List<ClientKind> clients();

    /** What {@code fault} on a {@code method} ("GET" or "POST", the latter without key) must give in {@code mode}. */
    abstract Expected expected(ClientKind client, Fault fault, String method, Mode mode);

    @TestFactory
    Stream<DynamicContainer> everyFaultOnAGetAndAPost() {
        List<DynamicContainer> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (ClientKind client : clients()) {
                for (Mode mode : Mode.values()) {
                    List<Scenario> scenarios = new ArrayList<>();
                    for (Fault fault : Fault.values()) {
                        for (String method : List.of("GET", "POST")) {
                            scenarios.add(new Scenario(fault + " " + method,
                                    s -> faultCall(s, fault, method, expected(client, fault, method, mode))));
                        }
                    }
                    all.add(ScenarioBatch.container(jdk + " " + client + " " + mode, new Stage(upstream, client, mode.agent()),
                            scenarios, batch -> batch.run(jvm(jdk, mode)),
                            child -> ClientScenariosTest.assertStderrIsTheStartupLineAlone(child, client, mode.agent())));
                }
            }
        }
        return all.stream();
    }

    private static ChildJvm jvm(Jdk jdk, Mode mode) {
        ChildJvm jvm = Batch.jvm(jdk, mode.agent());
        return mode == Mode.RESET_IN_RETRY_ON ? jvm.rebound("retry-on", RETRY_ON_WITH_RESET) : jvm;
    }

    private static Check faultCall(Stage s, Fault fault, String method, Expected expected) {
        String path = s.path("fault");
        upstream.fault(path, fault);
        Batch.Run run = method.equals("GET") ? s.get(path) : s.get(path, "--method", method, "--body", "not idempotent");
        return () -> {
            String error = run.app().only().error();
            assertNotNull(error, () -> "a faulty upstream must end in an exception\n" + run.describe());
            int seen = upstream.count(path);
            assertTrue(seen >= expected.min() && seen <= expected.max(), () -> "wire attempts on " + path + " must be in ["
                    + expected.min() + ", " + expected.max() + "] but were " + seen + "\n" + run.describe());
            if (expected.error().equals(ANY_JDK_IO_EXCEPTION)) {
                assertTrue(isJdkIoException(error), () -> "the app must see a JDK IOException, not " + error + "\n" + run.describe());
            } else {
                assertEquals(expected.error(), error, () -> "exception the app saw\n" + run.describe());
            }
        };
    }

    private static boolean isJdkIoException(String className) {
        try {
            return className.startsWith("java.") && IOException.class.isAssignableFrom(Class.forName(className));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Whether the fault comes before any byte of the response, so that the agent classifies it as a {@code reset}. */
    static boolean failsBeforeAnyResponse(Fault fault) {
        return fault == Fault.CONNECTION_RESET_BY_PEER || fault == Fault.EMPTY_RESPONSE;
    }
}
