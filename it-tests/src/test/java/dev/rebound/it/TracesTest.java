package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rebound.it.ApmAgentsTest.Apm;
import dev.rebound.it.OtlpSpans.Span;
import dev.rebound.it.Scenario.Check;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * What a trace shows of a retried call beside the real OpenTelemetry Java agent and Datadog's agent, on
 * every client, in either {@code -javaagent} order, on every JDK. Each call is made under a parent span of
 * the app's own (the OpenTelemetry API, which either agent bridges); the OpenTelemetry agent prints its
 * spans as OTLP JSON ({@code logging-otlp}), and the upstream's journal gives the {@code traceparent} each
 * wire attempt carried. A call is summed up as one line, compared whole:
 * {@code spans=2 [502:child,200/resend=1:child] wire=[in-trace+span, in-trace+span] distinct-traceparents=2}
 * is its CLIENT spans in start order (status, {@code http.request.resend_count}, whether each is a child of
 * the app's span), then per wire attempt whether its context is in the app's trace and names one of those
 * spans. Without rebound's tracing help (before it) a fail-once call read, for instance,
 * {@code spans=1 [200:child] wire=[in-trace+span, in-trace+span] distinct-traceparents=1} (HttpURLConnection,
 * Apache classic) or {@code spans=2 [200:other-trace,200:child] ...} (the JDK client).
 */
class TracesTest extends UpstreamTest {

    /** Every wire attempt its own CLIENT span, child of the app's span, with its own status; the re-send counted. */
    static final String PER_ATTEMPT = "spans=2 [502:child,200/resend=1:child] wire=[in-trace+span, in-trace+span]"
            + " distinct-traceparents=2";
    static final String HEALTHY = "spans=1 [200:child] wire=[in-trace+span] distinct-traceparents=1";

    private static final Map<String, String> TABLE = new TreeMap<>();

    @TestFactory
    Stream<DynamicContainer> everyWireAttemptIsASpanOfItsOwnInTheCallersTrace() {
        List<DynamicContainer> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (boolean otelFirst : new boolean[] {true, false}) {
                String name = jdk + " " + (otelFirst ? "OTEL first" : "rebound first");
                Stage stage = new Stage(upstream, ClientKind.URL_CONNECTION, true, classPath());
                List<Scenario> scenarios = new ArrayList<>();
                for (ClientKind client : ClientKind.EVERY) {
                    String expected = failOnceTrace(client, otelFirst);
                    String what = expected.equals(PER_ATTEMPT) ? "each attempt a span of its own"
                            : "as the README's limits say: " + expected;
                    scenarios.add(new Scenario(client + ": a 502 then a 200: " + what,
                            s -> otel(s, client, name + " " + client + " fail-once", expected,
                                    status(502, s.unique("bad gateway")), status(200, s.unique("fine")))));
                    scenarios.add(new Scenario(client + ": a healthy call is one span",
                            s -> otel(s, client, name + " " + client + " healthy", HEALTHY,
                                    status(200, s.unique("fine")))));
                }
                all.add(ScenarioBatch.container(name, stage, scenarios,
                        batch -> batch.run(otel(Batch.jvm(jdk, true), otelFirst), "--traced"), child -> { }));
            }
        }
        return all.stream();
    }

    @TestFactory
    Stream<DynamicContainer> besideDatadogEveryWireAttemptIsInTheCallersTrace() {
        List<DynamicContainer> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (boolean ddFirst : new boolean[] {true, false}) {
                String name = jdk + " " + (ddFirst ? "DATADOG first" : "rebound first, DATADOG");
                Stage stage = new Stage(upstream, ClientKind.URL_CONNECTION, true, classPath());
                List<Scenario> scenarios = new ArrayList<>();
                for (ClientKind client : ClientKind.EVERY) {
                    scenarios.add(new Scenario(client + ": a 502 then a 200, both attempts in the caller's trace",
                            s -> datadog(s, client, name + " " + client + " fail-once")));
                }
                all.add(ScenarioBatch.container(name, stage, scenarios,
                        batch -> batch.run(Apm.DATADOG.besides(Batch.jvm(jdk, true), ddFirst)
                                .sysProp("dd.trace.otel.enabled", "true"), "--traced"), child -> { }));
            }
        }
        return all.stream();
    }

    /**
     * What a fail-once call's trace shows beside the OpenTelemetry agent (README, "Traces", where each
     * exception is explained).
     */
    static String failOnceTrace(ClientKind client, boolean otelFirst) {
        if (client.equals(ClientKind.APACHE4_ASYNC) && !otelFirst) {
            return "spans=1 [200:child] wire=[in-trace+nospan, in-trace+nospan] distinct-traceparents=2";
        }
        if (client.equals(ClientKind.APACHE5_ASYNC)) {
            return "spans=1 [200:child] wire=[in-trace+nospan, in-trace+span] distinct-traceparents=2";
        }
        return PER_ATTEMPT;
    }

    private static List<Path> classPath() {
        return List.of(Artifacts.apmAgent("opentelemetry-api.jar"), Artifacts.apmAgent("opentelemetry-context.jar"),
                Artifacts.apmAgent("opentelemetry-common.jar"), Artifacts.sampleAppJar());
    }

    static ChildJvm otel(ChildJvm jvm, boolean first) {
        Apm.OTEL.besides(jvm, first);
        return jvm.sysProp("otel.traces.exporter", "logging-otlp").sysProp("otel.bsp.schedule.delay", "50");
    }

    private Check otel(Stage s, ClientKind client, String row, String expected,
                       com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
        String path = s.path("traced");
        upstream.sequence(path, answers);
        Batch.Run run = s.runWith(client, upstream.url(path));
        return () -> {
            run.app();
            String trace = describe(run, path);
            TABLE.put(row, trace);
            assertEquals(expected, trace, run::describe);
        };
    }

    private Check datadog(Stage s, ClientKind client, String row) {
        String path = s.path("traced-dd");
        upstream.sequence(path, status(502, s.unique("bad gateway")), status(200, s.unique("fine")));
        Batch.Run run = s.runWith(client, upstream.url(path));
        return () -> {
            run.app();
            String trace = describe(run, path);
            TABLE.put(row, trace);
            assertEquals("wire=[in-trace+nospan, in-trace+nospan]", trace.replaceAll(".*(wire=\\[[^]]*]).*", "$1"),
                    run::describe);
        };
    }

    /** The call's CLIENT spans (by path) in start order, and what each wire attempt carried; see the class comment. */
    static String describe(Batch.Run run, String path) {
        String parent = run.afterEnd("parent");
        assertNotNull(parent, run::describe);
        String parentTrace = parent.replaceAll(".*trace=(\\S+).*", "$1");
        String parentSpan = parent.replaceAll(".*span=(\\S+).*", "$1");
        List<Span> spans = OtlpSpans.parse(run.child().stderrLines()).stream()
                .filter(sp -> sp.kind() == OtlpSpans.CLIENT)
                .filter(sp -> String.valueOf(sp.attribute("url.full")).endsWith(path))
                .sorted(Comparator.comparingLong(Span::startNanos))
                .toList();
        String spanText = spans.stream().map(sp -> sp.status()
                        + (sp.resendCount() == null ? "" : "/resend=" + sp.resendCount())
                        + (!sp.traceId().equals(parentTrace) ? ":other-trace"
                        : sp.parentSpanId().equals(parentSpan) ? ":child" : ":in-trace"))
                .collect(Collectors.joining(","));
        List<String> wire = new ArrayList<>();
        List<LoggedRequest> requests = upstream.requests(path);
        for (LoggedRequest request : requests) {
            String traceparent = request.getHeader("traceparent");
            if (traceparent == null) {
                wire.add("none");
                continue;
            }
            String[] parts = traceparent.split("-");
            boolean ofSpan = spans.stream().anyMatch(sp -> sp.spanId().equals(parts[2]));
            wire.add((parts[1].equals(parentTrace) ? "in-trace" : "other-trace") + (ofSpan ? "+span" : "+nospan"));
        }
        long distinct = requests.stream().map(r -> r.getHeader("traceparent")).distinct().count();
        return "spans=" + spans.size() + " [" + spanText + "] wire=" + wire + " distinct-traceparents=" + distinct;
    }

    @AfterAll
    static void printTable() {
        StringBuilder sb = new StringBuilder("traces (jdk, order, client, call = spans [status/resend:parent] wire):\n");
        TABLE.forEach((row, text) -> sb.append("  ").append(row).append(" = ").append(text).append('\n'));
        System.out.print(sb);
    }
}
