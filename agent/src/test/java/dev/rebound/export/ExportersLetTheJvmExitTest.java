package dev.rebound.export;

import dev.rebound.engine.Client;
import dev.rebound.engine.Outcome;
import dev.rebound.metrics.MetricsRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** The agent starts exporters from premain, on the app's main thread: none of their threads may keep the JVM up. */
class ExportersLetTheJvmExitTest {

    /** Child JVM: starts both exporters from a non-daemon thread, serves one scrape, then returns. */
    public static void main(String[] args) throws Exception {
        MetricsRegistry registry = new MetricsRegistry(10);
        registry.callEnded(Client.named("http-url-connection"), "a", "GET", Outcome.OK);
        PrometheusExporter prometheus = new PrometheusExporter(registry, Map::of, "127.0.0.1", 0, "1");
        JmxExporter jmx = new JmxExporter(registry, Map::of, "1");
        if (!prometheus.start() || !jmx.start()) {
            System.exit(2);
        }
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) new java.net.URL(
                "http://127.0.0.1:" + prometheus.port() + "/metrics").openConnection();
        System.out.println("scrape " + c.getResponseCode());
        c.getInputStream().readAllBytes();
    }

    @Test
    void jvmExitsWhenMainReturnsWithExportersRunning() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ExportersLetTheJvmExitTest.class.getName()).redirectErrorStream(true).start();
        child.getOutputStream().close();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            fail("child JVM still running 60 s after main returned: a non-daemon exporter thread");
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);
        assertEquals("scrape 200", output.strip());
    }
}
