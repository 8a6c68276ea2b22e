package dev.rebound.export;

import dev.rebound.engine.Client;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.SkipCause;
import dev.rebound.metrics.MetricsRegistry;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Checks the served exposition with Prometheus' own linter, {@code promtool check metrics}. */
class PromtoolCheckTest {

    @Test
    void promtoolAcceptsTheExposition() throws Exception {
        Optional<Path> promtool = findOnPath("promtool");
        if (promtool.isEmpty()) {
            // Required, like nginx for the integration tests: a skipped check would let a broken format land.
            fail("promtool is not on PATH: install the Debian package 'prometheus' (.ci/run does)");
        }
        MetricsRegistry registry = new MetricsRegistry(2);
        for (String label : List.of("http-url-connection", "jdk-http-client", "apache-httpclient-4",
                "apache-httpclient-5")) {
            Client client = Client.named(label);
            for (Outcome outcome : Outcome.values()) {
                registry.callEnded(client, "api.example", "GET", outcome);
            }
            registry.retried(client, "api.example", "502", 123_456_789L);
            registry.retried(client, "db.example:5432", FailureKind.TIMEOUT.label(), 1L);
            registry.retrySkipped(client, "third.example", SkipCause.RETRY_AFTER);
        }
        registry.callEnded(Client.named("jdk-http-client"), "we\"ird\\host\nname", "PATCH", Outcome.OK);
        PrometheusExporter exporter = new PrometheusExporter(registry,
                () -> Map.of("api.example", true, "db.example:5432", false), "127.0.0.1", 0, "0.1.0-test");
        assertTrue(exporter.start());
        String body;
        try {
            body = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        } finally {
            exporter.stop();
        }
        assertTrue(body.contains("rebound_retries_total"), body);

        Process process = new ProcessBuilder(promtool.get().toString(), "check", "metrics")
                .redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(body.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, process.exitValue(), "promtool check metrics said:\n" + output + "\non:\n" + body);
    }

    private static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
