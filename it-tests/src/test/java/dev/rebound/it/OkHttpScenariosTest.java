package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.it.Scenario.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario suites with OkHttp, through {@code execute()} and {@code enqueue(Callback)}, on each major
 * release: 5.x (bundled in the sample app), 4.12 and 3.14 (copied jars ahead of it). OkHttp's own retry
 * layer (connection failures, a 408, a 503 with {@code Retry-After: 0}) stays as it is; none of the suite's
 * statuses is one it retries.
 */
class OkHttpScenariosTest extends ClientScenariosTest {

    private static final String USER_AGENT = "User-Agent";

    @Override
    List<ClientKind> clients() {
        return List.of(ClientKind.OKHTTP, ClientKind.OKHTTP_ASYNC, ClientKind.OKHTTP4, ClientKind.OKHTTP4_ASYNC,
                ClientKind.OKHTTP3, ClientKind.OKHTTP3_ASYNC);
    }

    @Override
    List<Scenario> scenarios(ClientKind client) {
        List<Scenario> all = new ArrayList<>(super.scenarios(client));
        all.add(new Scenario("the calls go out from the release under test", this::theReleaseUnderTestSends));
        all.add(new Scenario("a 503 with Retry-After: 0 is OkHttp's own retry, then rebound's",
                this::a503WithRetryAfterZero));
        return all;
    }

    /** OkHttp's default User-Agent names its release: proof of which jar the child's class path used. */
    private Check theReleaseUnderTestSends(Stage s) {
        String path = s.path("ua");
        upstream.sequence(path, status(502, "bad"), status(200, "fine"));
        Batch.Run run = s.get(path);
        return () -> {
            String release = s.client().release() == null ? "5." : s.client().release() + ".";
            List<String> agents = upstream.requests(path).stream().map(r -> r.getHeader(USER_AGENT)).toList();
            assertEquals(s.agent() ? 2 : 1, agents.size(), run::describe);
            assertTrue(agents.stream().allMatch(a -> a.startsWith("okhttp/" + release)), () -> agents + "\n" + run.describe());
        };
    }

    /**
     * OkHttp re-sends a 503 that says {@code Retry-After: 0} once, by itself, inside each of rebound's
     * attempts: wire attempts are rebound's attempts times two.
     */
    private Check a503WithRetryAfterZero(Stage s) {
        String path = s.path("503-zero");
        upstream.always(path, status(503, "busy").withHeader("Retry-After", "0"));
        Batch.Run run = s.get(path);
        return () -> {
            assertWireAttempts((s.agent() ? 3 : 1) * 2, path, run);
            assertResponse(503, "busy", run);
        };
    }
}
