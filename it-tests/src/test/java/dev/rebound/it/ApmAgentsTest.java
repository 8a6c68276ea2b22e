package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.rebound.it.Scenario.Check;
import dev.rebound.it.apps.JdkClientProbeApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * rebound beside real APM agents from Maven Central, which instrument the same clients: each agent wraps
 * or replaces objects rebound hands out (Datadog and OpenTelemetry both wrap the JDK client's body
 * handler). The core scenarios on every client, with each agent before and after rebound on the command
 * line, on every JDK: one child JVM per JDK, agent and order runs them all (APM agents start slowly).
 * Spans are dropped or logged locally; neither agent is given anything but loopback to talk to.
 */
class ApmAgentsTest extends UpstreamTest {

    /** Wire attempts per client, agent, order and scenario: printed once the class ran, for the record. */
    private static final Map<String, Integer> TABLE = new TreeMap<>();
    /** Each child JVM's wall time (APM agents start slowly): printed with the table. */
    private static final Map<String, Long> JVM_MILLIS = new TreeMap<>();

    /** An APM agent: its jar (copied by the build) and the switches that keep it on this machine. */
    enum Apm {
        OTEL("opentelemetry-javaagent.jar", List.of(
                "otel.traces.exporter=none", "otel.metrics.exporter=none", "otel.logs.exporter=none",
                "otel.service.name=rebound-it")),
        DATADOG("dd-java-agent.jar", List.of(
                "dd.service=rebound-it", "dd.agent.host=127.0.0.1", "dd.trace.agent.port=9", "dd.writer.type=LoggingWriter",
                "dd.instrumentation.telemetry.enabled=false", "dd.remote_config.enabled=false",
                "dd.profiling.enabled=false", "dd.jmxfetch.enabled=false", "dd.appsec.enabled=false",
                "dd.iast.enabled=false", "dd.data.streams.enabled=false", "dd.crashtracking.enabled=false",
                "dd.dogstatsd.host=127.0.0.1", "dd.dogstatsd.port=9", "dd.trace.startup.logs=false"));

        final String jar;
        final List<String> sysProps;

        Apm(String jar, List<String> sysProps) {
            this.jar = jar;
            this.sysProps = sysProps;
        }

        ChildJvm besides(ChildJvm jvm, boolean first) {
            jvm.otherAgent(Artifacts.apmAgent(jar), first);
            // The agents transform thousands of classes at start-up; C2 compiling them competes for the
            // cores and makes each child about three times slower. C1 alone changes nothing under test.
            jvm.jvmArg("-XX:TieredStopAtLevel=1");
            for (String prop : sysProps) {
                int eq = prop.indexOf('=');
                jvm.sysProp(prop.substring(0, eq), prop.substring(eq + 1));
            }
            return jvm;
        }
    }

    @TestFactory
    Stream<DynamicContainer> coreScenariosOnEveryClientBesideEachAgentInEitherOrder() {
        List<DynamicContainer> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (Apm apm : Apm.values()) {
                for (boolean apmFirst : new boolean[] {true, false}) {
                    String order = apmFirst ? apm + " first" : "rebound first";
                    Stage stage = new Stage(upstream, ClientKind.URL_CONNECTION, true);
                    List<Scenario> scenarios = new ArrayList<>();
                    for (ClientKind client : ClientKind.EVERY) {
                        String row = jdk + " " + client + " " + apm + " " + order;
                        scenarios.add(new Scenario(client + ": a 502 then a 200 is recovered in 2 requests",
                                s -> failOnce(s, client, row)));
                        scenarios.add(new Scenario(client + ": a 502 forever is sent max-attempts times, the app gets it",
                                s -> always502(s, client, row)));
                        scenarios.add(new Scenario(client + ": a POST without Idempotency-Key is sent once",
                                s -> postWithoutKey(s, client, row)));
                    }
                    String name = jdk + " " + apm + " " + order;
                    all.add(ScenarioBatch.container(name, stage, scenarios,
                            batch -> batch.run(apm.besides(Batch.jvm(jdk, true), apmFirst)),
                            child -> {
                                synchronized (TABLE) {
                                    JVM_MILLIS.put(name, child.elapsedMillis());
                                }
                                noLineFromReboundButItsStartup(child);
                            }));
                }
            }
        }
        return all.stream();
    }

    /**
     * The JDK client re-sends by itself a GET whose pooled connection dies unanswered; while rebound
     * re-sends resets it switches that off for each of its attempts, the re-sends included, whose handler
     * Datadog has wrapped by then. Otherwise every re-send of ours would be doubled on the wire.
     */
    @AcrossJdks
    void theJdksOwnResendStaysOffOnResendsThatDatadogWrapped(Jdk jdk) {
        for (boolean apmFirst : new boolean[] {true, false}) {
            String path = "/" + unique("apm-pooled");
            upstream.sequence(path, status(200, unique("fine")), Upstreams.faulty(Fault.EMPTY_RESPONSE));
            ChildJvm jvm = Apm.DATADOG.besides(ChildJvm.on(jdk).withAgent(), apmFirst)
                    .rebound("retry-on", ClientFaultTest.RETRY_ON_WITH_RESET).rebound("backoff.initial", "1ms")
                    .rebound("backoff.max", "5ms").timeout(java.time.Duration.ofSeconds(60))
                    .testApp(JdkClientProbeApp.class).args("sequential", "HTTP_1_1", "2", upstream.url(path));

            ChildResult result = jvm.run();

            List<CallLine> calls = result.app().calls();
            assertEquals(Integer.valueOf(200), calls.get(0).status(), result::describe);
            assertNotNull(calls.get(1).error(), result::describe);
            record(jdk + " jdk DATADOG " + (apmFirst ? "DATADOG first" : "rebound first")
                    + " | pooled-reset (1 + max-attempts)", path);
            assertWireAttempts(1 + ClientFaultTest.MAX_ATTEMPTS, path, result);
            noLineFromReboundButItsStartup(result);
        }
    }

    @AfterAll
    static void printTable() {
        StringBuilder sb = new StringBuilder("wire attempts (jdk client agent order | fail-once always-502 post-no-key):\n");
        TABLE.forEach((row, n) -> sb.append("  ").append(row).append(" = ").append(n).append('\n'));
        JVM_MILLIS.forEach((jvm, ms) -> sb.append("  child JVM ").append(jvm).append(": ").append(ms).append(" ms\n"));
        System.out.print(sb);
    }

    /** rebound's startup line, and no line of its own beyond it: no fault, no unexpected path. */
    private static void noLineFromReboundButItsStartup(ChildResult child) {
        List<String> ours = child.stderrLines().stream()
                .map(l -> l.replaceFirst("^run=\\d+ ", ""))
                .filter(l -> l.startsWith("rebound")).toList();
        assertEquals(1, ours.size(), () -> "rebound's startup line alone\n" + child.describe());
        assertTrue(ours.get(0).startsWith("rebound "), child::describe);
    }

    private Check failOnce(Stage s, ClientKind client, String row) {
        String path = s.path("apm-flaky");
        String good = s.unique("all good");
        upstream.sequence(path, status(502, s.unique("bad gateway")), status(200, good));
        Batch.Run run = s.runWith(client, upstream.url(path));
        return () -> {
            record(row + " | fail-once", path);
            assertWireAttempts(2, path, run);
            assertResponse(200, good, run);
        };
    }

    private Check always502(Stage s, ClientKind client, String row) {
        String path = s.path("apm-down");
        String body = s.unique("upstream bad gateway page ").repeat(20);
        upstream.always(path, status(502, body));
        Batch.Run run = s.runWith(client, upstream.url(path));
        return () -> {
            record(row + " | always-502", path);
            assertWireAttempts(3, path, run);
            assertResponse(502, body, run);
        };
    }

    private Check postWithoutKey(Stage s, ClientKind client, String row) {
        String path = s.path("apm-post");
        String bad = s.unique("bad gateway");
        upstream.always(path, status(502, bad));
        Batch.Run run = s.runWith(client, upstream.url(path), "--method", "POST", "--body", "payload");
        return () -> {
            record(row + " | post-no-key", path);
            assertWireAttempts(1, path, run);
            assertResponse(502, bad, run);
        };
    }

    private static void record(String row, String path) {
        synchronized (TABLE) {
            TABLE.put(row, upstream.count(path));
        }
    }
}
