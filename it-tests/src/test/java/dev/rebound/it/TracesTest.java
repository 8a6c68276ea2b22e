package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rebound.it.ApmAgentsTest.Apm;
import dev.rebound.it.OtlpSpans.Span;
import dev.rebound.it.Scenario.Check;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * What a trace shows of a retried call beside the real OpenTelemetry Java agent (spans printed as OTLP
 * JSON by its {@code logging-otlp} exporter): each call is made under a parent span of the app's own (the
 * OpenTelemetry API, bridged by the agent), and the upstream's journal gives the {@code traceparent} each
 * wire attempt carried.
 */
class TracesTest extends UpstreamTest {

    private static final Map<String, String> TABLE = new TreeMap<>();

    @TestFactory
    Stream<DynamicContainer> everyWireAttemptIsASpanOfItsOwnInTheCallersTrace() {
        List<DynamicContainer> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (boolean otelFirst : new boolean[] {true, false}) {
                String name = jdk + " " + (otelFirst ? "OTEL first" : "rebound first");
                List<Path> classPath = List.of(Artifacts.apmAgent("opentelemetry-api.jar"),
                        Artifacts.apmAgent("opentelemetry-context.jar"), Artifacts.apmAgent("opentelemetry-common.jar"),
                        Artifacts.sampleAppJar());
                Stage stage = new Stage(upstream, ClientKind.URL_CONNECTION, true, classPath);
                List<Scenario> scenarios = new ArrayList<>();
                for (ClientKind client : ClientKind.EVERY) {
                    scenarios.add(new Scenario(client + ": a 502 then a 200",
                            s -> failOnce(s, client, name)));
                    scenarios.add(new Scenario(client + ": a healthy call",
                            s -> healthy(s, client, name)));
                }
                all.add(ScenarioBatch.container(name, stage, scenarios,
                        batch -> batch.run(otel(Batch.jvm(jdk, true), otelFirst), "--traced"), child -> { }));
            }
        }
        for (Jdk jdk : Jdks.all()) {
            for (boolean ddFirst : new boolean[] {true, false}) {
                String name = jdk + " " + (ddFirst ? "DATADOG first" : "rebound first DATADOG");
                List<Path> classPath = List.of(Artifacts.apmAgent("opentelemetry-api.jar"),
                        Artifacts.apmAgent("opentelemetry-context.jar"), Artifacts.apmAgent("opentelemetry-common.jar"),
                        Artifacts.sampleAppJar());
                Stage stage = new Stage(upstream, ClientKind.URL_CONNECTION, true, classPath);
                List<Scenario> scenarios = new ArrayList<>();
                for (ClientKind client : ClientKind.EVERY) {
                    scenarios.add(new Scenario(client + ": a 502 then a 200",
                            s -> failOnce(s, client, name)));
                }
                all.add(ScenarioBatch.container(name, stage, scenarios,
                        batch -> batch.run(Apm.DATADOG.besides(Batch.jvm(jdk, true), ddFirst)
                                .sysProp("dd.trace.otel.enabled", "true"), "--traced"), child -> { }));
            }
        }
        return all.stream();
    }

    static ChildJvm otel(ChildJvm jvm, boolean first) {
        Apm.OTEL.besides(jvm, first);
        return jvm.sysProp("otel.traces.exporter", "logging-otlp").sysProp("otel.bsp.schedule.delay", "50");
    }

    private Check failOnce(Stage s, ClientKind client, String jvm) {
        String path = s.path("traced-flaky");
        upstream.sequence(path, status(502, s.unique("bad gateway")), status(200, s.unique("fine")));
        Batch.Run run = s.runWith(client, upstream.url(path));
        return () -> {
            run.app();
            TABLE.put(jvm + " " + client + " fail-once", describe(run, path));
        };
    }

    private Check healthy(Stage s, ClientKind client, String jvm) {
        String path = s.path("traced-fine");
        upstream.always(path, status(200, s.unique("fine")));
        Batch.Run run = s.runWith(client, upstream.url(path));
        return () -> {
            run.app();
            TABLE.put(jvm + " " + client + " healthy", describe(run, path));
        };
    }

    /** The call's CLIENT spans (by path), their statuses, parents and resend counts, and what the wire carried. */
    static String describe(Batch.Run run, String path) {
        String parent = run.afterEnd("parent");
        String parentTrace = parent.replaceAll(".*trace=(\\S+).*", "$1");
        String parentSpan = parent.replaceAll(".*span=(\\S+).*", "$1");
        List<Span> spans = OtlpSpans.parse(run.child().stderrLines()).stream()
                .filter(sp -> sp.kind() == OtlpSpans.CLIENT)
                .filter(sp -> String.valueOf(sp.attribute("url.full")).endsWith(path))
                .toList();
        String spanText = spans.stream().map(sp -> sp.status() + (sp.resendCount() == null ? "" : "/resend=" + sp.resendCount())
                + (sp.traceId().equals(parentTrace) ? (sp.parentSpanId().equals(parentSpan) ? ":child" : ":in-trace") : ":other-trace"))
                .collect(Collectors.joining(","));
        List<String> wire = new ArrayList<>();
        for (LoggedRequest request : upstream.requests(path)) {
            String tp = request.getHeader("traceparent");
            String spanId = tp == null ? "none" : tp.split("-")[2];
            boolean ofSpan = spans.stream().anyMatch(sp -> sp.spanId().equals(spanId));
            wire.add(tp == null ? "none" : (tp.split("-")[1].equals(parentTrace) ? "in-trace" : "other-trace")
                    + (ofSpan ? "+span" : "+nospan"));
        }
        long distinct = upstream.requests(path).stream().map(r -> r.getHeader("traceparent")).distinct().count();
        return "spans=" + spans.size() + " [" + spanText + "] wire=" + wire + " distinct-traceparents=" + distinct;
    }

    @AfterAll
    static void printTable() {
        StringBuilder sb = new StringBuilder("traces (jdk order client scenario):\n");
        TABLE.forEach((row, text) -> sb.append("  ").append(row).append(" = ").append(text).append('\n'));
        System.out.print(sb);
    }
}
