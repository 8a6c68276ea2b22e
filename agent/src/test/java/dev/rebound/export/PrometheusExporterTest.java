package dev.rebound.export;

import dev.rebound.engine.Client;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.SkipCause;
import dev.rebound.metrics.MetricsRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusExporterTest {
    private static final Client HUC = Client.named("http-url-connection");
    private static final List<String> FAMILIES = List.of("rebound_requests_total", "rebound_retries_total",
            "rebound_retries_skipped_total", "rebound_backoff_seconds_total", "rebound_circuit_open",
            "rebound_info", "rebound_uncovered_client");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<PrometheusExporter> started = new ArrayList<>();
    private final Map<String, Boolean> circuits = new LinkedHashMap<>();

    @AfterEach
    void stopAll() {
        started.forEach(PrometheusExporter::stop);
    }

    private PrometheusExporter start(MetricsRegistry registry) {
        PrometheusExporter exporter = new PrometheusExporter(registry, () -> circuits, "127.0.0.1", 0, "1.2.3");
        started.add(exporter);
        assertTrue(exporter.start());
        return exporter;
    }

    private HttpResponse<String> send(PrometheusExporter exporter, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void servesCountersOverLoopback() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(100);
        for (int i = 0; i < 7; i++) {
            registry.callEnded(HUC, "api.example", "GET", Outcome.OK);
        }
        registry.callEnded(HUC, "api.example", "GET", Outcome.RECOVERED);
        registry.callEnded(Client.named("apache-httpclient-4"), "db.example:8443", "POST", Outcome.NOT_RETRIED);
        registry.retried(HUC, "api.example", "502", 1_250_000_000L);
        registry.retried(HUC, "api.example", "connect-failure", 250_000_000L);
        registry.retrySkipped(Client.named("apache-httpclient-4"), "db.example:8443", SkipCause.METHOD);
        circuits.put("api.example", true);
        circuits.put("db.example:8443", false);
        PrometheusExporter exporter = start(registry);

        HttpResponse<String> response = send(exporter, "GET", "/metrics");

        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElse(null));
        Exposition e = Exposition.parse(response.body());
        assertEquals("7", e.value("rebound_requests_total",
                Map.of("client", "http-url-connection", "host", "api.example", "method", "GET", "outcome", "ok")));
        assertEquals("1", e.value("rebound_requests_total", Map.of("client", "apache-httpclient-4",
                "host", "db.example:8443", "method", "POST", "outcome", "not_retried")));
        assertEquals("1", e.value("rebound_retries_total",
                Map.of("client", "http-url-connection", "host", "api.example", "reason", "502")));
        assertEquals("1", e.value("rebound_retries_total",
                Map.of("client", "http-url-connection", "host", "api.example", "reason", "connect-failure")));
        assertEquals("1", e.value("rebound_retries_skipped_total",
                Map.of("client", "apache-httpclient-4", "host", "db.example:8443", "cause", "method")));
        assertEquals(1.5, Double.parseDouble(e.value("rebound_backoff_seconds_total",
                Map.of("client", "http-url-connection", "host", "api.example"))), 1e-12);
        assertEquals("1", e.value("rebound_circuit_open", Map.of("host", "api.example")));
        assertEquals("0", e.value("rebound_circuit_open", Map.of("host", "db.example:8443")));
        assertEquals("1", e.value("rebound_info", Map.of("version", "1.2.3")));
        assertEquals(3, e.count("rebound_requests_total"));
        assertEquals(10, e.samples.size());
    }

    @Test
    void uncoveredClientsAreAGaugeOfOnePerLibrary() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(100);
        registry.uncoveredClients().add("reactor-netty");
        registry.uncoveredClients().add("jetty-client");
        registry.uncoveredClients().add("reactor-netty");

        Exposition e = Exposition.parse(send(start(registry), "GET", "/metrics").body());

        assertEquals(List.of("gauge"), e.types.get("rebound_uncovered_client"));
        assertEquals("1", e.value("rebound_uncovered_client", Map.of("library", "reactor-netty")));
        assertEquals("1", e.value("rebound_uncovered_client", Map.of("library", "jetty-client")));
        assertEquals(2, e.count("rebound_uncovered_client"));
    }

    @Test
    void eachFamilyHasOneHelpAndOneTypeLine() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(100);
        registry.callEnded(HUC, "a", "GET", Outcome.OK);
        registry.callEnded(HUC, "b", "GET", Outcome.OK);
        registry.retried(HUC, "a", "503", 1);
        registry.retried(HUC, "b", "504", 1);
        circuits.put("a", false);
        circuits.put("b", false);

        Exposition e = Exposition.parse(send(start(registry), "GET", "/metrics").body());

        assertEquals(FAMILIES, List.copyOf(e.types.keySet()));
        assertEquals(FAMILIES, List.copyOf(e.helps.keySet()));
        for (String family : FAMILIES) {
            assertEquals(1, e.helps.get(family).size(), family);
            assertEquals(List.of(family.endsWith("_total") ? "counter" : "gauge"), e.types.get(family), family);
        }
        for (Exposition.Line line : e.samples) {
            assertTrue(FAMILIES.contains(line.name()), line.toString());
        }
    }

    @Test
    void escapesLabelValues() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(100);
        String host = "we\"ird\\host\nname";
        registry.callEnded(HUC, host, "GET", Outcome.OK);
        circuits.put(host, true);

        String body = send(start(registry), "GET", "/metrics").body();

        assertTrue(body.contains("host=\"we\\\"ird\\\\host\\nname\""), body);
        Exposition e = Exposition.parse(body);
        assertEquals("1", e.value("rebound_requests_total",
                Map.of("client", "http-url-connection", "host", host, "method", "GET", "outcome", "ok")));
        assertEquals("1", e.value("rebound_circuit_open", Map.of("host", host)));
    }

    @Test
    void circuitsOfHostsPastTheCapFoldIntoOther() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(1);
        registry.callEnded(HUC, "first", "GET", Outcome.OK);
        circuits.put("first", false);
        circuits.put("second", false);
        circuits.put("third", true);

        Exposition e = Exposition.parse(send(start(registry), "GET", "/metrics").body());

        assertEquals("0", e.value("rebound_circuit_open", Map.of("host", "first")));
        assertEquals("1", e.value("rebound_circuit_open", Map.of("host", "other")));
        assertEquals(2, e.count("rebound_circuit_open"));
    }

    @Test
    void valuesAreLiveAtEachScrape() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(100);
        PrometheusExporter exporter = start(registry);
        Exposition empty = Exposition.parse(send(exporter, "GET", "/metrics").body());
        assertEquals(1, empty.samples.size(), empty.samples.toString());

        registry.callEnded(HUC, "late", "HEAD", Outcome.EXHAUSTED);
        Exposition later = Exposition.parse(send(exporter, "GET", "/metrics").body());
        assertEquals("1", later.value("rebound_requests_total",
                Map.of("client", "http-url-connection", "host", "late", "method", "HEAD", "outcome", "exhausted")));
    }

    @Test
    void rootAnswersAShortTextPageThatPointsToMetrics() throws Exception {
        PrometheusExporter exporter = start(new MetricsRegistry(100));

        HttpResponse<String> index = send(exporter, "GET", "/");
        assertEquals(200, index.statusCode());
        assertEquals("text/plain; charset=utf-8", index.headers().firstValue("Content-Type").orElse(null));
        assertEquals("rebound agent\nPrometheus metrics: /metrics\n", index.body());
        assertEquals("", send(exporter, "HEAD", "/").body());
        assertEquals(405, send(exporter, "POST", "/").statusCode());
        assertEquals(404, send(exporter, "GET", "/index.html").statusCode());
    }

    @Test
    void answers404ForOtherPathsAnd405ForOtherMethods() throws Exception {
        PrometheusExporter exporter = start(new MetricsRegistry(100));

        assertEquals(404, send(exporter, "GET", "/metricsx").statusCode());
        assertEquals(404, send(exporter, "POST", "/other").statusCode());
        HttpResponse<String> post = send(exporter, "POST", "/metrics");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(null));
        assertEquals(405, send(exporter, "DELETE", "/metrics").statusCode());
        HttpResponse<String> head = send(exporter, "HEAD", "/metrics");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void servesOnOneDaemonThreadNamedReboundMetrics() throws Exception {
        PrometheusExporter exporter = start(new MetricsRegistry(100));
        send(exporter, "GET", "/metrics");
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(PrometheusExporter.THREAD_NAME)).toList();
        assertEquals(1, threads.size());
        assertTrue(threads.get(0).isDaemon());
    }

    @Test
    void portInUseDisablesTheEndpointWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrometheusExporter exporter = new PrometheusExporter(new MetricsRegistry(1), Map::of, "127.0.0.1",
                    port, "1", new PrintStream(err, true, StandardCharsets.UTF_8));
            started.add(exporter);

            assertFalse(exporter.start());

            String text = err.toString(StandardCharsets.UTF_8);
            String prefix = "rebound: metrics endpoint disabled: cannot bind 127.0.0.1:" + port + " (";
            assertTrue(text.startsWith(prefix) && text.endsWith(")" + System.lineSeparator()), text);
            assertEquals(1, text.lines().count(), text);
            assertEquals(-1, exporter.port());
        }
    }

    @Test
    void invalidPortDisablesTheEndpointWithoutThrowing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrometheusExporter exporter = new PrometheusExporter(new MetricsRegistry(1), Map::of, "127.0.0.1", 70000,
                "1", new PrintStream(err, true, StandardCharsets.UTF_8));

        assertFalse(exporter.start());

        assertTrue(err.toString(StandardCharsets.UTF_8)
                .startsWith("rebound: metrics endpoint disabled: cannot bind 127.0.0.1:70000 ("), err::toString);
    }

    @Test
    void failingCircuitSourceStillServesCounters() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(100);
        registry.callEnded(HUC, "a", "GET", Outcome.OK);
        PrometheusExporter exporter = new PrometheusExporter(registry, () -> {
            throw new IllegalStateException("engine not ready");
        }, "127.0.0.1", 0, "1");
        started.add(exporter);
        assertTrue(exporter.start());

        HttpResponse<String> response = send(exporter, "GET", "/metrics");

        assertEquals(200, response.statusCode());
        Exposition e = Exposition.parse(response.body());
        assertEquals(0, e.count("rebound_circuit_open"));
        assertEquals(1, e.count("rebound_requests_total"));
    }

    @Test
    void stopReleasesThePort() throws Exception {
        PrometheusExporter exporter = start(new MetricsRegistry(1));
        int port = exporter.port();
        exporter.stop();
        assertEquals(-1, exporter.port());
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort());
        }
    }
}
