package dev.rebound.it;

import static dev.rebound.it.ScriptedServer.answer;
import static dev.rebound.it.ScriptedServer.resetMidHeaders;
import static dev.rebound.it.ScriptedServer.silence;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rebound.it.ScriptedServer.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * Per-attempt sequences, the same for every client: each attempt is judged by its own result, on
 * exhaustion the app sees exactly what the last attempt produced (status and body, or the exception
 * type), and the metrics count one call with the outcome the app saw. The sequences mix answers with
 * the faults WireMock cannot script per attempt ({@link ScriptedServer}): a read timeout after a 502,
 * a reset in the middle of the status line and headers. Each scenario has a server of its own, so its
 * host label holds its call alone. Per JDK, client and mode, every scenario runs in one child JVM.
 */
class AttemptSequenceTest {

    /** Each attempt's read timeout: the silent steps last until the client gives up. */
    static final String ATTEMPT_TIMEOUT_MS = "500";
    static final int MAX_ATTEMPTS = 3;

    enum Mode {
        WITHOUT_AGENT(null), DEFAULT_RETRY_ON(null), RESET_AND_TIMEOUT_IN_RETRY_ON("502,503,504,connect-failure,reset,timeout");

        final String retryOn;

        Mode(String retryOn) {
            this.retryOn = retryOn;
        }

        boolean agent() {
            return this != WITHOUT_AGENT;
        }
    }

    /**
     * What a call must end with: {@code attempts} on the wire, a response ({@code status}, {@code body})
     * or an {@code error} class, and with the agent its one call's {@code outcome} and the retries rebound
     * sent for it.
     */
    record Expected(int attempts, Integer status, String body, String error, String outcome, int retries) {
        static Expected response(int attempts, int status, String body, String outcome, int retries) {
            return new Expected(attempts, status, body, null, outcome, retries);
        }

        static Expected error(int attempts, String error, String outcome, int retries) {
            return new Expected(attempts, null, null, error, outcome, retries);
        }
    }

    /**
     * Wire attempts each client makes by itself for a request whose response is reset mid-headers, as
     * measured without the agent: the JDK re-sends an HttpURLConnection request once, HttpClient 4 retries
     * an idempotent request 3 times, HttpClient 5 once (classic and async), HttpAsyncClient 4.1 and the JDK
     * HttpClient never on a fresh connection.
     */
    static int ownAttemptsOnAReset(ClientKind client) {
        return switch (client.name()) {
            case "url-connection", "apache5", "apache5-async" -> 2;
            case "apache4" -> 4;
            default -> 1;
        };
    }

    /** The exception a reset mid-headers ends in, for each client. */
    static String resetError(ClientKind client) {
        return switch (client.name()) {
            case "jdk", "jdk-async" -> "java.io.IOException";
            default -> "java.net.SocketException";
        };
    }

    @TestFactory
    Stream<DynamicContainer> sameSequencesForEveryClient() {
        List<DynamicContainer> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (ClientKind client : ClientKind.EVERY) {
                for (Mode mode : Mode.values()) {
                    AtomicReference<ChildResult> child = new AtomicReference<>();
                    List<ScriptedServer> servers = new ArrayList<>();
                    all.add(ScenarioBatch.container(jdk + " " + client + " " + mode, new Stage(null, client, mode.agent()),
                            scenarios(client, mode, servers, child), batch -> {
                                try {
                                    child.set(run(batch, jdk, mode));
                                    return child.get();
                                } finally {
                                    servers.forEach(ScriptedServer::close);
                                }
                            }, c -> ClientScenariosTest.assertStderrIsTheStartupLineAlone(c, client, mode.agent())));
                }
            }
        }
        return all.stream();
    }

    private static ChildResult run(Batch batch, Jdk jdk, Mode mode) {
        ChildJvm jvm = Batch.jvm(jdk, mode.agent());
        if (!mode.agent()) {
            return batch.run(jvm);
        }
        if (mode.retryOn != null) {
            jvm.rebound("retry-on", mode.retryOn);
        }
        String port = Integer.toString(FreePorts.free());
        return batch.run(jvm.rebound("metrics.prometheus.port", port), "--metrics", port);
    }

    private static List<Scenario> scenarios(ClientKind client, Mode mode, List<ScriptedServer> servers,
                                            AtomicReference<ChildResult> child) {
        List<Scenario> all = new ArrayList<>();
        String bad = "bad gateway from attempt 1";
        String unavailable = "unavailable from attempt 2";
        String last = "bad gateway from attempt 3";
        boolean retryOnFaults = mode == Mode.RESET_AND_TIMEOUT_IN_RETRY_ON;
        String timeout = client.timeoutError();

        // First: it warms the JVM up, so that no later call's timeout meets the client's first use.
        all.add(sequence("a healthy call", client, servers, child,
                Expected.response(1, 200, "fine", mode.agent() ? "ok" : null, 0), List.of("--timeout-ms", "5000"),
                answer(200, "fine")));
        for (String entry : client.entries()) {
            Expected expected = !mode.agent() ? Expected.response(1, 502, bad, null, 0)
                    : retryOnFaults ? Expected.error(3, timeout, "exhausted", 2)
                    : Expected.error(2, timeout, "exhausted", 1);
            all.add(sequence("502 with a body, then a read timeout, entry " + entry, client, servers, child, expected,
                    List.of("--entry", entry), answer(502, bad), silence()));
        }
        all.add(sequence("502, 503, then a read timeout", client, servers, child,
                !mode.agent() ? Expected.response(1, 502, bad, null, 0) : Expected.error(3, timeout, "exhausted", 2),
                List.of(), answer(502, bad), answer(503, unavailable), silence()));
        all.add(sequence("two read timeouts, then a 502 with a body", client, servers, child,
                !mode.agent() ? Expected.error(1, timeout, null, 0)
                        : retryOnFaults ? Expected.response(3, 502, last, "exhausted", 2)
                        : Expected.error(1, timeout, "failed", 0),
                List.of(), silence(), silence(), answer(502, last)));

        int own = ownAttemptsOnAReset(client);
        boolean urlConnection = client == ClientKind.URL_CONNECTION;
        // While rebound re-sends resets it switches HttpURLConnection's own re-send off: one wire attempt each.
        int perReboundAttempt = urlConnection && retryOnFaults ? 1 : own;
        all.add(sequence("a reset mid-headers, every time", client, servers, child,
                !mode.agent() ? Expected.error(own, resetError(client), null, 0)
                        : retryOnFaults ? Expected.error(MAX_ATTEMPTS * perReboundAttempt, resetError(client), "exhausted", 2)
                        : Expected.error(own, resetError(client), "failed", 0),
                List.of(), resetMidHeaders()));
        String good = "good after a reset";
        Expected afterOneReset;
        if (own > 1 && !(urlConnection && retryOnFaults)) {
            afterOneReset = Expected.response(2, 200, good, mode.agent() ? "ok" : null, 0); // the client's own re-send
        } else if (retryOnFaults) {
            afterOneReset = Expected.response(2, 200, good, "recovered", 1); // rebound's
        } else {
            afterOneReset = Expected.error(1, resetError(client), mode.agent() ? "failed" : null, 0);
        }
        all.add(sequence("a reset mid-headers, then a 200", client, servers, child, afterOneReset,
                List.of(), resetMidHeaders(), answer(200, good)));
        return all;
    }

    private static Scenario sequence(String name, ClientKind client, List<ScriptedServer> servers,
                                     AtomicReference<ChildResult> child, Expected expected, List<String> options,
                                     Step... steps) {
        return new Scenario(name, s -> {
            ScriptedServer server = ScriptedServer.start();
            servers.add(server);
            String path = s.path("sequence");
            server.script(path, steps);
            List<String> args = new ArrayList<>(options);
            if (!options.contains("--timeout-ms")) {
                args.addAll(List.of("--timeout-ms", ATTEMPT_TIMEOUT_MS));
            }
            Batch.Run run = s.run(server.url(path), args.toArray(new String[0]));
            return () -> assertEquals(describe(expected, s.agent()),
                    observed(client, server, path, run, s.agent() ? child.get() : null, steps),
                    () -> "wire attempts (server side), what the app saw, the agent's count of the call\n" + run.describe());
        });
    }

    private static String describe(Expected e, boolean agent) {
        String seen = e.error() != null ? "error=" + e.error() : "status=" + e.status() + " body=" + e.body();
        return "attempts=" + e.attempts() + " " + seen + (agent ? " outcomes=[" + e.outcome() + "] retries=" + e.retries() : "");
    }

    /** The same shape as {@link #describe}, from the server's count, the app's output and the agent's metrics. */
    private static String observed(ClientKind client, ScriptedServer server, String path, Batch.Run run,
                                   ChildResult child, Step... steps) {
        CallLine call = run.app().only();
        String seen;
        if (call.isError()) {
            seen = "error=" + call.error();
        } else {
            String body = call.bytes() == 0 ? "(empty)" : "(" + call.bytes() + " bytes of none of the answers)";
            for (Step step : steps) {
                if (step instanceof ScriptedServer.Answer a && Sha256.hex(a.body()).equals(call.sha256())
                        && a.body().getBytes(StandardCharsets.UTF_8).length == call.bytes()) {
                    body = a.body();
                }
            }
            seen = "status=" + call.status() + " body=" + body;
        }
        String result = "attempts=" + server.count(path) + " " + seen;
        if (child == null) {
            return result;
        }
        PromText m = PromText.parse(ClientSettingsScenarios.metricsText(child));
        Map<String, String> ours = Map.of("client", client.label(), "host", server.host());
        List<String> outcomes = new ArrayList<>();
        for (PromText.Sample sample : m.select("rebound_requests_total", ours)) {
            for (int i = 0; i < sample.value(); i++) {
                outcomes.add(sample.labels().get("outcome"));
            }
        }
        return result + " outcomes=" + outcomes.stream().sorted().toList().toString().replace(" ", "")
                + " retries=" + (int) m.sum("rebound_retries_total", ours);
    }
}
