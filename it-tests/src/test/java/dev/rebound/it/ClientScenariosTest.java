package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rebound.it.Scenario.Check;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * The retry scenarios every client must pass, written once; a subclass names its clients (the pattern of
 * the OpenTelemetry Java agent's abstract client tests). Per JDK and client, every scenario runs in ONE
 * child JVM with the agent and in one without it, where the app must see the upstream's first answer as
 * is, so that each assertion is seen to fail. Scenarios that need settings of their own are in
 * {@link ClientSettingsScenarios}.
 */
abstract class ClientScenariosTest extends ClientSettingsScenarios {

    static final String KEY_HEADER = "Idempotency-Key:order-42";

    /** The scenarios of the batch, in the order they run; a subclass adds its clients' own. */
    List<Scenario> scenarios(ClientKind client) {
        List<Scenario> all = new ArrayList<>();
        // First: it also warms the JVM up, so that later calls' timings are the exchange's.
        all.add(new Scenario("healthy calls are sent once each", this::healthyCallsAreSentOnceEach));
        for (String entry : client.entries()) {
            all.add(new Scenario("a 502 then a 200 is recovered, entry " + entry, s -> a502Then200IsRecovered(s, entry)));
        }
        all.add(new Scenario("a 502 forever ends with the upstream's last 502, body intact",
                this::a502ForeverEndsWithTheLast502BodyIntact));
        all.add(new Scenario("a 502 then a 200 over https is recovered", this::a502Then200OverHttpsIsRecovered));
        all.add(new Scenario("Retry-After: 1 is waited for", this::retryAfterOneSecondIsWaitedFor));
        all.add(new Scenario("a Retry-After beyond retry-after.max is returned at once", this::retryAfterBeyondTheCap));
        all.add(new Scenario("a POST without Idempotency-Key is sent once", this::postWithoutKeyIsSentOnce));
        for (int failures = 1; failures <= 2; failures++) {
            int n = failures;
            all.add(new Scenario("a POST with Idempotency-Key recovers after " + n + " 502, same body each time",
                    s -> postWithKeyRecoversWithTheSameBody(s, n)));
        }
        all.add(new Scenario("a POST with Idempotency-Key is retried until exhausted, same body each time",
                this::postWithKeyIsRetriedUntilExhausted));
        all.add(new Scenario("a PUT is retried by default, same body each time", this::putIsRetriedByDefault));
        if (client.streams()) {
            for (String streaming : List.of("fixed", "chunked")) {
                for (String method : List.of("POST", "PUT")) {
                    all.add(new Scenario("a streamed (" + streaming + ") " + method + " is sent once, even with a key",
                            s -> aStreamedBodyIsSentOnce(s, method, streaming)));
                }
            }
        }
        all.add(new Scenario("a read timeout is not retried by default", this::aReadTimeoutIsNotRetriedByDefault));
        all.add(new Scenario("a refused connection ends in the client's own exception", this::aRefusedConnection));
        return all;
    }

    @TestFactory
    Stream<DynamicContainer> withAndWithoutTheAgent() {
        List<DynamicContainer> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (ClientKind client : clients()) {
                for (boolean agent : new boolean[] {true, false}) {
                    all.add(ScenarioBatch.container(jdk + " " + client + " agent=" + agent, new Stage(upstream, client, agent),
                            scenarios(client), batch -> batch.run(Batch.jvm(jdk, agent)),
                            child -> assertStderrIsTheStartupLineAlone(child, client, agent)));
                }
            }
        }
        return all.stream();
    }

    /** Nothing on stderr but the agent's startup line: no JVM, module or agent warnings in any scenario. */
    static void assertStderrIsTheStartupLineAlone(ChildResult child, ClientKind client, boolean agent) {
        List<String> lines = child.stderrLines();
        if (agent) {
            assertEquals(1, lines.size(), () -> "only the agent's startup line\n" + child.describe());
            assertTrue(lines.get(0).startsWith("rebound ") && lines.get(0).contains(client.label()), child::describe);
        } else {
            assertEquals(List.of(), lines, () -> "the sample app alone prints nothing on stderr\n" + child.describe());
        }
    }

    private Check healthyCallsAreSentOnceEach(Stage s) {
        String path = s.path("fine");
        String body = s.unique("fine");
        upstream.always(path, status(200, body));
        Batch.Run run = s.get(path, "--count", "3");
        return () -> {
            assertWireAttempts(3, path, run);
            assertEquals(List.of(200, 200, 200), run.app().calls().stream().map(CallLine::status).toList(), run::describe);
            assertTrue(run.app().calls().stream().allMatch(c -> Sha256.hex(body).equals(c.sha256())), run::describe);
        };
    }

    private Check a502Then200IsRecovered(Stage s, String entry) {
        String path = s.path("flaky");
        String bad = s.unique("bad gateway");
        String good = s.unique("all good");
        upstream.sequence(path, status(502, bad), status(200, good));
        Batch.Run run = s.get(path, "--entry", entry);
        return () -> {
            assertWireAttempts(s.agent() ? 2 : 1, path, run);
            assertResponse(s.agent() ? 200 : 502, s.agent() ? good : bad, run);
        };
    }

    private Check a502ForeverEndsWithTheLast502BodyIntact(Stage s) {
        String path = s.path("down");
        String body = s.unique("upstream bad gateway page ").repeat(50);
        upstream.always(path, status(502, body));
        Batch.Run run = s.get(path);
        return () -> {
            assertWireAttempts(s.agent() ? 3 : 1, path, run);
            assertResponse(502, body, run);
        };
    }

    private Check a502Then200OverHttpsIsRecovered(Stage s) {
        String path = s.path("tls-flaky");
        String bad = s.unique("tls bad gateway");
        String good = s.unique("tls all good");
        upstream.sequence(path, status(502, bad), status(200, good));
        Batch.Run run = s.run(upstream.httpsUrl(path));
        return () -> {
            assertWireAttempts(s.agent() ? 2 : 1, path, run);
            assertResponse(s.agent() ? 200 : 502, s.agent() ? good : bad, run);
        };
    }

    private Check retryAfterOneSecondIsWaitedFor(Stage s) {
        String path = s.path("busy");
        String busy = s.unique("busy, come back in a second");
        String good = s.unique("served after waiting");
        int code = s.client().retryAfterStatus();
        upstream.sequence(path, status(code, busy).withHeader("Retry-After", "1"), status(200, good));
        Batch.Run run = s.get(path, "--show-header", "Retry-After");
        return () -> {
            CallLine call = run.app().only();
            if (s.agent()) {
                assertWireAttempts(2, path, run);
                assertResponse(200, good, run);
                assertTrue(call.ms() >= 1000, () -> "Retry-After: 1 must delay the retry by >= 1000 ms\n" + run.describe());
            } else {
                assertWireAttempts(1, path, run);
                assertResponse(code, busy, run);
                assertEquals("1", call.header("Retry-After"), () -> "the app sees the header as sent\n" + run.describe());
            }
        };
    }

    private Check retryAfterBeyondTheCap(Stage s) {
        String path = s.path("maintenance");
        String body = s.unique("down for an hour");
        int code = s.client().retryAfterStatus();
        upstream.always(path, status(code, body).withHeader("Retry-After", "3600"));
        Batch.Run run = s.get(path, "--show-header", "Retry-After");
        return () -> {
            assertWireAttempts(1, path, run);
            assertResponse(code, body, run);
            CallLine call = run.app().only();
            assertEquals("3600", call.header("Retry-After"), () -> "the app sees the header as sent\n" + run.describe());
            // Waiting would take retry-after.max (5 s) or more; the JVM is warm by now.
            assertTrue(call.ms() < 1000, () -> "a Retry-After above retry-after.max is returned at once\n" + run.describe());
        };
    }

    private Check postWithoutKeyIsSentOnce(Stage s) {
        String path = s.path("post-nokey");
        String bad = s.unique("bad gateway");
        upstream.always(path, status(502, bad));
        Batch.Run run = s.get(path, "--method", "POST", "--body", "payload");
        return () -> {
            assertWireAttempts(1, path, run);
            assertResponse(502, bad, run);
            assertEveryBodyIs("payload", path, run);
        };
    }

    private Check postWithKeyRecoversWithTheSameBody(Stage s, int failures) {
        String path = s.path("post-key-flaky");
        String bad = s.unique("bad gateway");
        String good = s.unique("created");
        String body = s.unique("{\"order\":42,\"note\":\"same bytes every time ü\"}");
        List<ResponseDefinitionBuilder> answers = new ArrayList<>();
        for (int i = 0; i < failures; i++) {
            answers.add(status(502, bad));
        }
        answers.add(status(200, good));
        upstream.sequence(path, answers.toArray(new ResponseDefinitionBuilder[0]));
        Batch.Run run = s.get(path, "--method", "POST", "--body", body, "--header", KEY_HEADER);
        return () -> {
            assertWireAttempts(s.agent() ? failures + 1 : 1, path, run);
            assertResponse(s.agent() ? 200 : 502, s.agent() ? good : bad, run);
            assertEveryBodyIs(body, path, run);
        };
    }

    private Check postWithKeyIsRetriedUntilExhausted(Stage s) {
        return retriedUntilExhausted(s, "POST", "--header", KEY_HEADER);
    }

    private Check putIsRetriedByDefault(Stage s) {
        return retriedUntilExhausted(s, "PUT");
    }

    private Check retriedUntilExhausted(Stage s, String method, String... options) {
        String path = s.path(method.toLowerCase() + "-down");
        String bad = s.unique("bad gateway");
        String body = s.unique("{\"order\":43,\"note\":\"replace me ü\"}");
        upstream.always(path, status(502, bad));
        List<String> args = new ArrayList<>(List.of("--method", method, "--body", body));
        args.addAll(List.of(options));
        Batch.Run run = s.get(path, args.toArray(new String[0]));
        return () -> {
            assertWireAttempts(s.agent() ? 3 : 1, path, run);
            assertResponse(502, bad, run);
            assertEveryBodyIs(body, path, run);
        };
    }

    private Check aStreamedBodyIsSentOnce(Stage s, String method, String streaming) {
        String path = s.path("streamed");
        String bad = s.unique("bad gateway");
        String body = s.unique("one-shot stream bytes");
        upstream.always(path, status(502, bad));
        Batch.Run run = s.get(path, "--method", method, "--body", body, "--header", KEY_HEADER, "--streaming", streaming);
        return () -> {
            assertWireAttempts(1, path, run);
            assertResponse(502, bad, run);
            assertEveryBodyIs(body, path, run);
        };
    }

    private Check aReadTimeoutIsNotRetriedByDefault(Stage s) {
        String path = s.path("slow");
        upstream.sequence(path, status(200, "too late").withFixedDelay(SLOW_MS), status(200, s.unique("fast enough")));
        Batch.Run run = s.get(path, "--timeout-ms", ATTEMPT_TIMEOUT_MS);
        return () -> {
            assertWireAttempts(1, path, run);
            assertEquals(s.client().timeoutError(), run.app().only().error(),
                    () -> "timeout is not in the default retry-on\n" + run.describe());
        };
    }

    private Check aRefusedConnection(Stage s) {
        Batch.Run run = s.run("http://127.0.0.1:" + FreePorts.closed() + "/nothing-listens");
        return () -> assertEquals(s.client().refusedError(), run.app().only().error(),
                () -> "exception the app saw\n" + run.describe());
    }

    /** Every request on the wire to {@code path} carried exactly {@code body}, and at least one did. */
    static void assertEveryBodyIs(String body, String path, AppResult result) {
        byte[] expected = body.getBytes(StandardCharsets.UTF_8);
        List<LoggedRequest> requests = upstream.requests(path);
        assertTrue(!requests.isEmpty(), () -> "at least one request reached the server\n" + result.describe());
        for (int i = 0; i < requests.size(); i++) {
            int attempt = i + 1;
            assertArrayEquals(expected, requests.get(i).getBody(),
                    () -> "request body on the wire, attempt " + attempt + "\n" + result.describe());
        }
    }
}
