package dev.rebound.export;

import dev.rebound.metrics.MetricsRegistry;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serves {@code GET /metrics} in the Prometheus text format (and a one-line pointer to it on {@code /}) on one daemon thread ({@link TinyHttpServer}: a few
 * connections at most, each bounded in size and time). A failure to bind disables the endpoint with one stderr
 * line: metrics must never stop the app.
 */
public final class PrometheusExporter {
    /** Default of {@code metrics.prometheus.host}: loopback, so nothing is exposed unless asked. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String PATH = "/metrics";
    /** What {@code GET /} answers: a pointer for whoever opens the port in a browser or with curl. */
    static final String INDEX_PATH = "/";
    static final String INDEX_CONTENT_TYPE = "text/plain; charset=utf-8";
    private static final byte[] INDEX = "rebound agent\nPrometheus metrics: /metrics\n"
            .getBytes(StandardCharsets.UTF_8);
    static final String THREAD_NAME = "rebound-metrics";
    private static final byte[] NO_BODY = new byte[0];

    private final PrometheusText text;
    private final String host;
    private final int port;
    private final PrintStream errors;
    private TinyHttpServer server;

    /**
     * @param circuits the engine's host to circuit-open view, read at each scrape
     * @param port     0 for an ephemeral port (see {@link #port()})
     */
    public PrometheusExporter(MetricsRegistry registry, Supplier<Map<String, Boolean>> circuits, String host,
                              int port, String version) {
        this(registry, circuits, host, port, version, System.err);
    }

    PrometheusExporter(MetricsRegistry registry, Supplier<Map<String, Boolean>> circuits, String host, int port,
                       String version, PrintStream errors) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host is required");
        }
        this.text = new PrometheusText(registry, new CircuitStates(registry, circuits), version);
        this.host = host;
        this.port = port;
        this.errors = errors;
    }

    /** Binds and serves; returns false (after one stderr line) when the address cannot be bound. */
    public synchronized boolean start() {
        if (server != null) {
            return true;
        }
        try {
            server = TinyHttpServer.start(host, port, new TinyHttpServer.Handler() {
                @Override
                public byte[] respond(String method, String path) {
                    return PrometheusExporter.this.respond(method, path);
                }
            }, THREAD_NAME);
            return true;
        } catch (IOException | RuntimeException e) {
            // RuntimeException too: an unresolved host or a bad port is unchecked here.
            errors.println("rebound: metrics endpoint disabled: cannot bind " + host + ":" + port + " ("
                    + reason(e) + ")");
            return false;
        }
    }

    /** The bound port, or -1 when not serving. */
    public synchronized int port() {
        return server == null ? -1 : server.port();
    }

    /** Closes the socket and every connection, and waits (briefly) for the serving thread to end. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop();
        server = null;
    }

    private byte[] respond(String method, String path) {
        boolean index = INDEX_PATH.equals(path);
        if (!index && !PATH.equals(path)) {
            return TinyHttpServer.response(404, "Not Found", null, null, NO_BODY, false);
        }
        boolean head = "HEAD".equals(method);
        if (!head && !"GET".equals(method)) {
            return TinyHttpServer.response(405, "Method Not Allowed", null, "Allow: GET, HEAD", NO_BODY, false);
        }
        if (index) {
            return TinyHttpServer.response(200, "OK", INDEX_CONTENT_TYPE, null, INDEX, head);
        }
        byte[] body = text.render().getBytes(StandardCharsets.UTF_8);
        return TinyHttpServer.response(200, "OK", PrometheusText.CONTENT_TYPE, null, body, head);
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }
}
