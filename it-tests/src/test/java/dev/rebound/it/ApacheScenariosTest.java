package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.it.Scenario.Check;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenario suites with Apache HttpClient 4.5 (4.5.14) and 5.x (5.6.5), through {@code execute(request)}
 * and the response-handler form, plus how rebound composes with the clients' own retry layers: rebound
 * wraps the whole client, so each of its attempts runs the client's retries once, and wire attempts per
 * logical call are rebound's attempts times the client's for that outcome. A 502 (which neither client
 * retries) therefore takes exactly max-attempts; a 503 under HttpClient 5's default strategy (one retry,
 * after 1 s) twice that.
 */
class ApacheScenariosTest extends ClientScenariosTest {

    @Override
    List<ClientKind> clients() {
        return List.of(ClientKind.APACHE4, ClientKind.APACHE5);
    }

    @Override
    List<Scenario> scenarios(ClientKind client) {
        List<Scenario> all = new java.util.ArrayList<>(super.scenarios(client));
        all.add(new Scenario("a 503 under the client's own default retry strategy", this::a503UnderTheClientsDefaultStrategy));
        return all;
    }

    private Check a503UnderTheClientsDefaultStrategy(Stage s) {
        String path = s.path("503");
        String body = s.unique("unavailable");
        upstream.always(path, status(503, body));
        Batch.Run run = s.get(path);
        return () -> {
            // HttpClient 4 retries no status by default; HttpClient 5 retries 429 and 503 once, after 1 s.
            boolean five = s.client().equals(ClientKind.APACHE5);
            int executions = s.agent() ? 3 : 1;
            assertWireAttempts(executions * (five ? 2 : 1), path, run);
            assertResponse(503, body, run);
            if (five) {
                assertTrue(run.app().only().ms() >= executions * 1000L,
                        () -> "each execution of HttpClient 5 waits 1 s before its own retry\n" + run.describe());
            }
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkAndClient")
    void maxAttemptsScalesTheProductNotTheClientsShare(Jdk jdk, ClientKind client) {
        String path = "/" + unique("503-two");
        upstream.always(path, status(503, "unavailable"));

        ChildResult result = call(app(jdk, true).rebound("max-attempts", "2").args("--client", client.name()), upstream.url(path));

        assertWireAttempts(2 * (client.equals(ClientKind.APACHE5) ? 2 : 1), path, result);
    }
}
