package dev.rebound.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rebound.it.apps.ApacheNoRetriesApp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An app that switched Apache HttpClient's own retries off ({@code disableAutomaticRetries()}) against a
 * server that closes the connection after a 502 without {@code Connection: close} (with CRLF and with
 * bare-LF line endings): rebound's re-send must not land on the dead pooled connection and hand the app
 * a {@code NoHttpResponseException} where it would have had the 502. Each call runs on a client of its
 * own ({@link ApacheNoRetriesApp}); attempts are counted by the server.
 */
class ApacheClosedConnectionTest extends ApacheTest {

    private static final List<String> ALWAYS = List.of("/closing/a", "/closing-lf/b");
    private static final List<String> ONCE = List.of("/closing-once/c", "/closing-once-lf/d");

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void aRetryNeverTurnsTheResponseBeforeAClosedConnectionIntoAnException(Jdk jdk, String client, boolean agent) {
        try (OneConnectionServer server = OneConnectionServer.start()) {
            String version = client.equals("apache5") ? "5" : "4";
            ChildResult result = ChildJvm.on(jdk).agent(agent)
                    .testApp(ApacheNoRetriesApp.class, Artifacts.sampleAppJar())
                    .args(version, server.url(ALWAYS.get(0)), server.url(ALWAYS.get(1)),
                            server.url(ONCE.get(0)), server.url(ONCE.get(1)))
                    .timeout(Duration.ofSeconds(30)).run();

            assertEquals(0, result.exitCode(), result::describe);
            List<CallLine> calls = result.app().calls();
            assertEquals(4, calls.size(), result::describe);
            String badGateway = Sha256.hex(OneConnectionServer.BAD_GATEWAY_BODY);
            for (int i = 0; i < 2; i++) {
                CallLine call = calls.get(i);
                String path = ALWAYS.get(i);
                // Every attempt gets the 502: the app gets the last one, whole, after max-attempts (3).
                assertEquals(Integer.valueOf(502), call.status(), () -> call + "\n" + result.describe());
                assertEquals(badGateway, call.sha256(), () -> call + "\n" + result.describe());
                assertEquals(agent ? 3 : 1, server.count(path), () -> path + "\n" + result.describe());
            }
            for (int i = 0; i < 2; i++) {
                CallLine call = calls.get(2 + i);
                String path = ONCE.get(i);
                // The server answers the re-send, on a new connection.
                assertEquals(Integer.valueOf(agent ? 200 : 502), call.status(), () -> call + "\n" + result.describe());
                assertEquals(agent ? 2 : 1, server.count(path), () -> path + "\n" + result.describe());
            }
            System.out.println("[" + client + "] " + jdk + " agent=" + agent + " 502 then an unannounced close: "
                    + calls.stream().map(c -> c.isError() ? c.error() : String.valueOf(c.status())).toList()
                    + ", " + server.total() + " requests on " + server.connections() + " connections");
        }
    }
}
