package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rebound.it.apps.JdkClientProbeApp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What only an async client shows, run in {@link JdkClientProbeApp}: many calls in flight without a
 * thread per waiting call, cancellation, response streams of discarded attempts, the push-promise
 * overload and HTTP/2 (the metrics of the {@code jdk-http-client} label: {@link ClientSettingsScenarios}).
 */
class JdkClientAsyncTest extends UpstreamTest {

    private static final int CONCURRENT_CALLS = 200;
    /** Threads the agent may add while 200 calls wait between attempts: the JDK's delay thread and a few. */
    private static final int HANDFUL = 5;
    private static final String CLIENT_WORKERS = "HttpClient-N-Worker-N";

    static Stream<Arguments> jdkAndExecutor() {
        return Jdks.all().stream().flatMap(jdk -> Stream.of(Arguments.of(jdk, 0), Arguments.of(jdk, 8)));
    }

    /**
     * 200 {@code sendAsync} calls at once, each answered 502 then 200: with the agent all 200 succeed, two
     * wire attempts each, as when the app itself re-sends each 502 the async way (the yardstick run
     * without the agent). The peak thread counts of both runs are printed: they are the JDK's (its
     * client executor, and on machines with fewer than three cores one short-lived thread per completed
     * future), and vary run to run with the timing of the exchanges.
     */
    @ParameterizedTest(name = "{0} executor threads={1}")
    @MethodSource("jdkAndExecutor")
    void twoHundredConcurrentCallsAllRecover(Jdk jdk, int executorThreads) {
        for (boolean agent : new boolean[] {false, true}) {
            upstream.reset();
            String prefix = "/" + unique("burst");
            for (int i = 0; i < CONCURRENT_CALLS; i++) {
                upstream.sequence(prefix + "-" + i, status(502, "bad gateway " + i), status(200, "fine " + i));
            }
            String warm = "/" + unique("warm");
            upstream.sequence(warm, status(502, "bad gateway"), status(200, "fine"));

            ChildResult result = probe(jdk, agent, "concurrent", Integer.toString(CONCURRENT_CALLS),
                    Integer.toString(executorThreads), upstream.url(warm), upstream.url(prefix),
                    agent ? "plain" : "app-retries", "0").timeout(Duration.ofSeconds(60)).run();

            assertEquals(0, result.exitCode(), result::describe);
            Map<String, String> f = textFacts(result);
            int wire = 0;
            for (int i = 0; i < CONCURRENT_CALLS; i++) {
                wire += upstream.count(prefix + "-" + i);
            }
            assertEquals(Integer.toString(CONCURRENT_CALLS), f.get("ok"), result::describe);
            assertEquals(2 * CONCURRENT_CALLS, wire, result::describe);
            System.out.println("[jdk-http-client] " + jdk + " " + (agent ? "agent" : "app retries") + " executor="
                    + executorThreads + " concurrent=" + CONCURRENT_CALLS + " ok=" + f.get("ok") + " wire=" + wire
                    + " threads before=" + f.get("threads-before") + " peak=" + f.get("threads-peak")
                    + " after=" + f.get("threads-after") + " peak by name=" + f.get("thread-groups-peak"));
        }
    }

    /**
     * 200 {@code sendAsync} calls at once, each answered 503 with {@code Retry-After: 3}, then 200. Two
     * seconds in, every call is waiting for its retry: the app then has at most a handful of threads more
     * than before the burst (the JDK's shared delay thread), not one per waiting call. With the JDK's
     * default executor, an unbounded cached pool whose idle workers linger for a minute after the first
     * attempts, those workers are the client's and are left out; with an executor of the app's, every
     * thread counts.
     */
    @ParameterizedTest(name = "{0} executor threads={1}")
    @MethodSource("jdkAndExecutor")
    void twoHundredCallsWaitingForTheirRetryHoldNoThread(Jdk jdk, int executorThreads) {
        String prefix = "/" + unique("waiting");
        for (int i = 0; i < CONCURRENT_CALLS; i++) {
            upstream.sequence(prefix + "-" + i, status(503, "busy").withHeader("Retry-After", "3"), status(200, "fine " + i));
        }
        String warm = "/" + unique("warm");
        upstream.sequence(warm, status(502, "bad gateway"), status(200, "fine"));

        ChildResult result = probe(jdk, true, "concurrent", Integer.toString(CONCURRENT_CALLS),
                Integer.toString(executorThreads), upstream.url(warm), upstream.url(prefix), "plain", "2000")
                .timeout(Duration.ofSeconds(60)).run();

        assertEquals(0, result.exitCode(), result::describe);
        Map<String, String> f = textFacts(result);
        assertEquals(Integer.toString(CONCURRENT_CALLS), f.get("ok"), result::describe);
        assertTrue(Long.parseLong(f.get("ms")) >= 3000, () -> "Retry-After: 3 honoured\n" + result.describe());
        Map<String, Integer> before = groups(f.get("thread-groups-before"));
        Map<String, Integer> waiting = groups(f.get("thread-groups-waiting"));
        int grown = count(waiting, executorThreads) - count(before, executorThreads);
        System.out.println("[jdk-http-client] " + jdk + " executor=" + executorThreads + " " + CONCURRENT_CALLS
                + " calls waiting for their retry: threads before=" + before + " waiting=" + waiting);
        assertTrue(grown <= HANDFUL, () -> "threads grew by " + grown + " while the calls waited\n" + result.describe());
    }

    /** Live threads in a snapshot, the probe's own samplers left out, and the JDK's default executor's workers too. */
    private static int count(Map<String, Integer> groups, int executorThreads) {
        int n = 0;
        for (Map.Entry<String, Integer> e : groups.entrySet()) {
            boolean probes = e.getKey().startsWith("thread-s");
            boolean defaultWorkers = executorThreads == 0 && e.getKey().equals(CLIENT_WORKERS);
            n += probes || defaultWorkers ? 0 : e.getValue();
        }
        return n;
    }

    /** Peak count per thread-name group, from {@code {name=n, ...}}. */
    private static Map<String, Integer> groups(String printed) {
        Map<String, Integer> groups = new HashMap<>();
        String body = printed.substring(printed.indexOf('{') + 1, printed.lastIndexOf('}'));
        for (String entry : body.split(", ")) {
            int eq = entry.lastIndexOf('=');
            groups.put(entry.substring(0, eq), Integer.parseInt(entry.substring(eq + 1)));
        }
        return groups;
    }

    /**
     * A {@code sendAsync} whose future the app cancels, and a {@code send} whose thread the app interrupts,
     * side by side in one app, each while its call waits for its retry: neither is attempted again.
     */
    @AcrossJdksWithAndWithoutAgent
    void cancellingOrInterruptingDuringTheBackoffStopsFurtherAttempts(Jdk jdk, boolean agent) {
        String cancelled = "/" + unique("busy-cancelled");
        upstream.always(cancelled, status(503, "busy").withHeader("Retry-After", "2"));
        String interrupted = "/" + unique("busy-interrupted");
        upstream.always(interrupted, status(503, "busy").withHeader("Retry-After", "2"));
        String control = "/" + unique("busy-control");
        upstream.sequence(control, status(503, "busy").withHeader("Retry-After", "2"), status(200, "fine"));

        ChildResult result = probe(jdk, agent, "stop", warmUrl(), upstream.url(cancelled), upstream.url(interrupted),
                upstream.url(control)).run();

        // Retry-After: 2 puts each retry 2 s after its first answer; the app cancels and interrupts once both
        // answers are in, then makes a control call with the same Retry-After: its retry, which the agent
        // makes, is due after the other two were, on the same delay thread, so the app stays long enough
        // to see any retry they wrongly made.
        Map<String, String> f = textFacts(result);
        assertNull(f.get("first-answers"), result::describe);
        assertEquals(agent ? "200" : "503", f.get("control-status"), result::describe);
        assertWireAttempts(1, cancelled, result);
        assertEquals(Boolean.toString(!agent), f.get("done-before-cancel"), result::describe);
        assertEquals(Boolean.toString(agent), f.get("cancel-returned"), result::describe);
        assertEquals(Boolean.toString(agent), f.get("cancelled"), result::describe);
        assertWireAttempts(1, interrupted, result);
        CallLine call = result.app().only();
        if (agent) {
            assertEquals("java.lang.InterruptedException", call.error(), result::describe);
        } else {
            assertEquals(Integer.valueOf(503), call.status(), result::describe);
        }
    }

    /**
     * An app that closes its client (Java 21+) while a call waits for its retry: no further attempt, and
     * the call ends with the response being retried, its body intact, as without the agent.
     */
    @AcrossJdksWithAndWithoutAgent
    void closingTheClientDuringTheBackoffEndsTheCall(Jdk jdk, boolean agent) {
        assumeTrue(jdk.feature() >= 21, "HttpClient.close() is Java 21+");
        String path = "/" + unique("busy-closed");
        upstream.always(path, status(503, "busy").withHeader("Retry-After", "2"));

        ChildResult result = probe(jdk, agent, "close", upstream.url(path)).run();
        assertNull(textFacts(result).get("first-answers"), result::describe);

        assertWireAttempts(1, path, result);
        CallLine call = result.app().only();
        assertEquals(Integer.valueOf(503), call.status(), result::describe);
        assertEquals(Sha256.hex("busy"), call.sha256(), result::describe);
    }

    /**
     * 20 calls on a client built with the app's own executor, each answered 502 with {@code Retry-After: 3};
     * the app shuts its executor down once every first answer is in, while every call waits for its retry. The client refuses the re-sends
     * (it would refuse any new send), so each call ends with its 502 and that body, as without the agent,
     * and nothing more goes on the wire.
     */
    @AcrossJdksWithAndWithoutAgent
    void shuttingTheExecutorDownDuringTheBackoffEndsEachCallWithItsResponse(Jdk jdk, boolean agent) {
        int n = 20;
        String prefix = "/" + unique("gateway-shutdown");
        for (int i = 0; i < n; i++) {
            upstream.always(prefix + "-" + i, status(502, "bad gateway " + i).withHeader("Retry-After", "3"));
        }

        ChildResult result = probe(jdk, agent, "shutdown", warmUrl(), Integer.toString(n), upstream.url(prefix)).run();
        assertNull(textFacts(result).get("first-answers"), result::describe);

        assertEquals(0, result.exitCode(), result::describe);
        List<CallLine> calls = result.app().calls();
        assertEquals(n, calls.size(), result::describe);
        int wire = 0;
        for (CallLine call : calls) {
            int i = call.index() - 1;
            assertEquals(Integer.valueOf(502), call.status(), () -> call + "\n" + result.describe());
            assertEquals(Sha256.hex("bad gateway " + i), call.sha256(), () -> call + "\n" + result.describe());
            wire += upstream.count(prefix + "-" + i);
        }
        assertEquals(n, wire, result::describe);
    }

    @AcrossJdksWithAndWithoutAgent
    void responseStreamsOfDiscardedAttemptsLeakNoConnection(Jdk jdk, boolean agent) {
        int retried = 10;
        int further = 100;
        try (OneConnectionServer server = OneConnectionServer.start()) {
            ChildResult result = probe(jdk, agent, "stream", Integer.toString(retried), server.url("/fail-once/call"),
                    Integer.toString(further), server.url("/ok")).timeout(Duration.ofSeconds(60)).run();

            assertEquals(0, result.exitCode(), result::describe);
            List<CallLine> calls = result.app().calls();
            assertEquals(retried + further, calls.size(), result::describe);
            for (int i = 0; i < calls.size(); i++) {
                CallLine call = calls.get(i);
                int expected = i < retried && !agent ? 502 : 200;
                assertEquals(Integer.valueOf(expected), call.status(), () -> call + "\n" + result.describe());
            }
            for (int i = 0; i < retried; i++) {
                assertEquals(agent ? 2 : 1, server.count("/fail-once/call-" + i), result::describe);
            }
            assertEquals(further, server.count("/ok"), result::describe);
            System.out.println("[jdk-http-client] " + jdk + " agent=" + agent + " ofInputStream on a 1-connection server: "
                    + calls.size() + " calls, " + server.total() + " requests, " + server.connections() + " connections");
        }
    }

    @AcrossJdksWithAndWithoutAgent
    void thePushPromiseOverloadIsRetriedToo(Jdk jdk, boolean agent) {
        String path = "/" + unique("flaky");
        String good = unique("fine");
        upstream.sequence(path, status(502, "bad gateway"), status(200, good));

        ChildResult result = probe(jdk, agent, "push", upstream.url(path)).run();

        assertWireAttempts(agent ? 2 : 1, path, result);
        assertEquals(Integer.valueOf(agent ? 200 : 502), result.app().only().status(), result::describe);
    }

    @AcrossJdksWithAndWithoutAgent
    void http2OverTlsAndCleartextIsRetried(Jdk jdk, boolean agent) {
        String tls = "/" + unique("h2-flaky");
        String plain = "/" + unique("h2c-flaky");
        upstream.sequence(tls, status(502, "bad gateway"), status(200, "fine"));
        upstream.sequence(plain, status(502, "bad gateway"), status(200, "fine"));

        ChildResult result = TestCerts.get().trustedBy(probe(jdk, agent, "version", upstream.httpsUrl(tls), upstream.url(plain))).run();

        assertEquals(0, result.exitCode(), result::describe);
        List<CallLine> calls = result.app().calls();
        assertEquals(List.of(agent ? 200 : 502, agent ? 200 : 502), calls.stream().map(CallLine::status).toList(), result::describe);
        assertWireAttempts(agent ? 2 : 1, tls, result);
        assertWireAttempts(agent ? 2 : 1, plain, result);
        List<String> versions = result.stdoutLines().stream().filter(l -> l.startsWith("version=")).toList();
        assertEquals(List.of("version=HTTP_2", "version=HTTP_2"), versions, result::describe);
        for (String path : List.of(tls, plain)) {
            for (LoggedRequest request : upstream.requests(path)) {
                System.out.println("[jdk-http-client] " + jdk + " agent=" + agent + " " + path.substring(1, 4) + " "
                        + request.getProtocol());
            }
        }
    }

    /** A healthy path for a warm-up call, so that timings after it are the exchange's, not class loading's. */
    private static String warmUrl() {
        String warm = "/" + unique("warm");
        upstream.always(warm, status(200, "warm"));
        return upstream.url(warm);
    }

    private static ChildJvm probe(Jdk jdk, boolean agent, String... args) {
        return ChildJvm.on(jdk).agent(agent).testApp(JdkClientProbeApp.class).args(args);
    }

    private static Map<String, String> textFacts(ChildResult result) {
        Map<String, String> facts = new HashMap<>();
        for (String line : result.stdoutLines()) {
            int eq = line.indexOf('=');
            if (line.startsWith("thread-groups-")) {
                facts.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1));
            } else if (eq > 0 && !line.startsWith("call=") && line.indexOf(' ') < 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return facts;
    }
}
