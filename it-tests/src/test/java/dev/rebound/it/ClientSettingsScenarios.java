package dev.rebound.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenarios every client must pass that need agent settings of their own (observe mode, metrics and
 * the debug log, the client's switch, {@code timeout} in {@code retry-on}): one child JVM each, with
 * the agent, per JDK and client. Written once; {@link ClientScenariosTest}'s subclasses name the clients.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientSettingsScenarios extends UpstreamTest {

    /** The read-timeout scenarios: the client gives up on an answer after this... */
    static final String ATTEMPT_TIMEOUT_MS = "500";
    /** ...which the upstream sends only after this. */
    static final int SLOW_MS = 1_500;

    /** The clients this suite runs its scenarios with. */
    abstract List<ClientKind> clients();

    /** {@code (Jdk, ClientKind)} for every JDK and each of this suite's clients. */
    Stream<Arguments> jdkAndClient() {
        return Jdks.all().stream().flatMap(jdk -> clients().stream().map(client -> Arguments.of(jdk, client)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkAndClient")
    void observeModeNeverResendsButCountsTheSkip(Jdk jdk, ClientKind client) {
        Stage s = new Stage(upstream, client, true);
        String path = s.path("flaky");
        String bad = s.unique("bad gateway");
        upstream.sequence(path, status(502, bad), status(200, "good"));
        Batch.Run run = s.get(path);
        int port = FreePorts.free();

        ChildResult child = s.batch().run(ChildJvm.on(jdk).withAgent().rebound("mode", "observe")
                .rebound("metrics.prometheus.port", Integer.toString(port)), "--metrics", Integer.toString(port));

        assertWireAttempts(1, path, run);
        assertResponse(502, bad, run);
        PromText m = PromText.parse(metricsText(child));
        Map<String, String> ours = Map.of("client", client.label(), "host", upstream.host());
        assertEquals(1.0, m.sum("rebound_retries_skipped_total", with(ours, "cause", "observe")), 0.0, child::describe);
        assertEquals(0.0, m.sum("rebound_retries_total", ours), 0.0, child::describe);
        assertEquals(1.0, m.sum("rebound_requests_total", with(ours, "outcome", "not_retried")), 0.0, child::describe);
    }

    /**
     * A recovered, an exhausted, a healthy call and a refused connection, with the default settings plus
     * the debug log: the Prometheus endpoint and the JMX MBean count what the upstream saw, under this
     * client's label, and the debug log names each retry of the refused connection.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkAndClient")
    void metricsAndTheDebugLogMatchTheServerSideCounts(Jdk jdk, ClientKind client) {
        Stage s = new Stage(upstream, client, true);
        String flaky = s.path("flaky");
        String down = s.path("down");
        String fine = s.path("fine");
        upstream.sequence(flaky, status(502, "bad"), status(200, "good"));
        upstream.always(down, status(502, "bad"));
        upstream.always(fine, status(200, "fine"));
        String refusedHost = "127.0.0.1:" + FreePorts.closed();
        List<Batch.Run> runs = List.of(s.get(flaky), s.get(down), s.get(fine), s.run("http://" + refusedHost + "/nothing-listens"));
        int port = FreePorts.free();

        ChildResult child = s.batch().run(ChildJvm.on(jdk).withAgent().rebound("log.level", "debug")
                .rebound("metrics.prometheus.port", Integer.toString(port)), "--metrics", Integer.toString(port));

        assertEquals(List.of(200, 502, 200), runs.subList(0, 3).stream().map(r -> r.app().only().status()).toList(),
                child::describe);
        assertEquals(client.refusedError(), runs.get(3).app().only().error(), child::describe);
        int wire = upstream.count(flaky) + upstream.count(down) + upstream.count(fine);
        assertEquals(2 + 3 + 1, wire, child::describe);
        String text = metricsText(child);
        PromText m = PromText.parse(text);
        Map<String, String> ours = Map.of("client", client.label(), "host", upstream.host());
        assertEquals(wire - 3, m.sum("rebound_retries_total", ours), 0.0,
                () -> "retries counted by the agent == wire attempts beyond the first\n" + child.describe());
        assertEquals(wire - 3, m.sum("rebound_retries_total", with(ours, "reason", "502")), 0.0, child::describe);
        for (String outcome : List.of("recovered", "exhausted", "ok")) {
            assertEquals(1.0, m.sum("rebound_requests_total", with(ours, "outcome", outcome)), 0.0, () -> outcome + "\n" + child.describe());
        }
        assertEquals(3.0, m.sum("rebound_requests_total", with(ours, "method", "GET")), 0.0,
                () -> "one logical request per call\n" + child.describe());
        for (String other : client.otherLabels()) {
            assertEquals(0.0, m.sum("rebound_requests_total", Map.of("client", other)), 0.0,
                    () -> "no call counted as " + other + "'s\n" + child.describe());
        }
        double backoff = m.sum("rebound_backoff_seconds_total", ours);
        assertTrue(backoff > 0 && backoff < 3, () -> "three short backoffs were waited\n" + child.describe());
        assertTrue(m.select("rebound_info", Map.of()).stream().anyMatch(x -> !x.labels().getOrDefault("version", "").isEmpty()),
                () -> "rebound_info{version} present\n" + child.describe());
        assertFalse(m.select("rebound_circuit_open", Map.of("host", upstream.host())).isEmpty(),
                () -> "rebound_circuit_open{host} present for the upstream\n" + child.describe());

        Map<String, String> refused = Map.of("client", client.label(), "host", refusedHost);
        assertEquals(2.0, m.sum("rebound_retries_total", refused), 0.0,
                () -> "default max-attempts 3: two retries of a refused connection\n" + child.describe());
        assertEquals(2.0, m.sum("rebound_retries_total", with(refused, "reason", "connect-failure")), 0.0, child::describe);
        assertEquals(1.0, m.sum("rebound_requests_total", with(refused, "outcome", "exhausted")), 0.0, child::describe);
        long logged = child.stderrLines().stream()
                .filter(l -> l.startsWith("rebound: " + client.label() + " " + refusedHost + " got connect-failure, retrying in "))
                .count();
        assertEquals(2, logged, () -> "the debug log names each retry of the refused connection\n" + child.describe());

        assertTrue(child.stdout().contains("jmx requests=4 retries=" + (wire - 3 + 2)),
                () -> "the JMX MBean reports the same counts\n" + child.describe());
        assertFalse(child.stdout().contains("dev.rebound"), () -> "no agent type reaches the app\n" + child.describe());
        Promtool.assertValid(text);
    }

    /** The client's own switch leaves it alone, and only it: every other client in the same JVM is still retried. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkAndClient")
    void theSwitchTurnsOnlyThisClientOff(Jdk jdk, ClientKind client) {
        Stage s = new Stage(upstream, client, true);
        String path = s.path("down");
        String body = s.unique("bad gateway");
        upstream.always(path, status(502, body));
        Batch.Run off = s.get(path);
        List<ClientKind> others = ClientKind.ALL.stream().filter(c -> !c.label().equals(client.label())).toList();
        Map<ClientKind, String> otherPaths = new HashMap<>();
        Map<ClientKind, Batch.Run> stillOn = new HashMap<>();
        for (ClientKind other : others) {
            otherPaths.put(other, s.path("down-" + other.name()));
            upstream.always(otherPaths.get(other), status(502, body));
            stillOn.put(other, s.runWith(other, upstream.url(otherPaths.get(other))));
        }

        ChildResult child = s.batch().run(Batch.jvm(jdk, true)
                .rebound("instrumentation." + client.label() + ".enabled", "false"));

        assertWireAttempts(1, path, off);
        assertResponse(502, body, off);
        for (ClientKind other : others) {
            assertWireAttempts(3, otherPaths.get(other), stillOn.get(other));
            assertResponse(502, body, stillOn.get(other));
        }
        List<String> instrumented = instrumented(child);
        assertTrue(!instrumented.contains(client.label()) && instrumented.containsAll(client.otherLabels()),
                () -> "the startup line lists every client but " + client.label() + "\n" + child.describe());
    }

    /**
     * With {@code timeout} in {@code retry-on}, each attempt has the request's own timeout: an attempt
     * that times out is followed by one with a full timeout of its own, and a call whose every attempt
     * times out takes max-attempts times the timeout, never the slow answer's time.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkAndClient")
    void withTimeoutInRetryOnEachAttemptHasTheRequestsOwnTimeout(Jdk jdk, ClientKind client) {
        Stage s = new Stage(upstream, client, true);
        String warm = s.path("warm");
        upstream.always(warm, status(200, "warm"));
        s.get(warm);
        String once = s.path("slow-once");
        String good = s.unique("fast enough");
        upstream.sequence(once, status(200, "too late").withFixedDelay(SLOW_MS), status(200, good));
        Batch.Run recovered = s.get(once, "--timeout-ms", ATTEMPT_TIMEOUT_MS);
        String always = s.path("slow-always");
        upstream.always(always, status(200, "too late").withFixedDelay(SLOW_MS));
        Batch.Run exhausted = s.get(always, "--timeout-ms", ATTEMPT_TIMEOUT_MS);

        s.batch().run(ChildJvm.on(jdk).withAgent().rebound("retry-on", "502,503,504,connect-failure,timeout"));

        int timeout = Integer.parseInt(ATTEMPT_TIMEOUT_MS);
        assertWireAttempts(2, once, recovered);
        assertResponse(200, good, recovered);
        long ms = recovered.app().only().ms();
        assertTrue(ms >= timeout && ms < SLOW_MS, () -> "one timed-out attempt, then a quick one\n" + recovered.describe());
        assertWireAttempts(3, always, exhausted);
        CallLine call = exhausted.app().only();
        assertEquals(client.timeoutError(), call.error(), exhausted::describe);
        assertTrue(call.ms() >= 3L * timeout && call.ms() < 3L * SLOW_MS,
                () -> "three attempts of " + timeout + " ms each, none waiting for the slow answer\n" + exhausted.describe());
    }

    /**
     * With a retry budget of only 5 tokens and no refill by time (and a short backoff): 300 calls in a row to a host that fails
     * every call's first attempt and answers its retry (a mirror that 502s the first request of each file)
     * all succeed with exactly one retry each, since a retry the host answers costs nothing (a budget that
     * charged every retry would run dry by the 7th call); then the same host goes down for good, and 200
     * more calls in a row add no more than S2's 5% to its load: the budget and the breaker stop retrying
     * after 5 failed retries.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkAndClient")
    void failOnceTrafficIsAlwaysRetriedAndAnOutageIsNotAmplified(Jdk jdk, ClientKind client) {
        Stage s = new Stage(upstream, client, true);
        String once = s.path("fail-once");
        failEveryOtherRequest(once, s.unique("first attempt fails"), s.unique("retry answered"));
        Batch.Run recovered = s.get(once, "--count", Integer.toString(FAIL_ONCE_CALLS));
        String down = s.path("down");
        upstream.always(down, status(502, s.unique("down")));
        Batch.Run outage = s.get(down, "--count", Integer.toString(OUTAGE_CALLS));

        // Backoff of a few milliseconds: the waits are not under test, and 500 calls at the default backoff
        // took 20 s per client and JDK.
        s.batch().run(TestCerts.get().trustedBy(ChildJvm.on(jdk).withAgent()
                .rebound("budget.burst", "5").rebound("budget.min-per-second", "0")
                .rebound("backoff.initial", "1ms").rebound("backoff.max", "5ms")));

        AppOutput app = recovered.app();
        assertEquals(FAIL_ONCE_CALLS, app.calls().size(), recovered::describe);
        assertTrue(app.calls().stream().allMatch(c -> c.status() == 200), recovered::describe);
        assertWireAttempts(2 * FAIL_ONCE_CALLS, once, recovered);
        AppOutput down502 = outage.app();
        assertEquals(OUTAGE_CALLS, down502.calls().size(), outage::describe);
        assertTrue(down502.calls().stream().allMatch(c -> c.status() == 502), outage::describe);
        int wire = upstream.count(down);
        // circuit.failure-threshold (5) failed retries open the breaker; then at most a probe per second.
        assertTrue(wire >= OUTAGE_CALLS + 5 && wire <= OUTAGE_CALLS * 105 / 100,
                () -> wire + " wire attempts for " + OUTAGE_CALLS + " calls\n" + outage.describe());
    }

    static final int FAIL_ONCE_CALLS = 300;
    static final int OUTAGE_CALLS = 200;

    /** 502 and 200 in turn, forever: calls made one after another each fail once, then recover. */
    private void failEveryOtherRequest(String path, String bad, String good) {
        String scenario = "fail every other " + path;
        // WireMock's scenario class; this package has a Scenario of its own.
        String started = com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
        upstream.stub(any(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(started)
                .willSetStateTo("answered").willReturn(status(502, bad)));
        upstream.stub(any(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("answered")
                .willSetStateTo(started).willReturn(status(200, good)));
    }

    /** The agent's Prometheus text a {@code --metrics} batch printed. */
    static String metricsText(ChildResult child) {
        String out = child.stdout();
        int begin = out.indexOf("metrics-begin\n");
        int end = out.indexOf("metrics-end");
        assertTrue(begin >= 0 && end > begin, () -> "no metrics printed\n" + child.describe());
        return out.substring(begin + "metrics-begin\n".length(), end);
    }

    /** The instrumentations the agent's startup line lists: {@code ...: instrumenting a,b,c; mode=...}. */
    static List<String> instrumented(ChildResult child) {
        String line = child.stderrLines().stream().filter(l -> l.startsWith("rebound ")).findFirst().orElse("");
        int from = line.indexOf("instrumenting ");
        int to = line.indexOf(';', from);
        assertTrue(from >= 0 && to > from, () -> "a startup line listing the instrumentations\n" + child.describe());
        return List.of(line.substring(from + "instrumenting ".length(), to).split(","));
    }

    static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> copy = new HashMap<>(labels);
        copy.put(key, value);
        return copy;
    }
}
