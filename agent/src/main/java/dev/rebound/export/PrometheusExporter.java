package dev.rebound.export;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.rebound.metrics.MetricsRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Serves {@code GET /metrics} in the Prometheus text format on one daemon thread. A failure to bind
 * disables the endpoint with one stderr line: metrics must never stop the app.
 */
public final class PrometheusExporter {
    /** Default of {@code metrics.prometheus.host}: loopback, so nothing is exposed unless asked. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String PATH = "/metrics";
    static final String THREAD_NAME = "rebound-metrics";

    private final PrometheusText text;
    private final String host;
    private final int port;
    private final PrintStream errors;
    private HttpServer server;
    private ExecutorService executor;

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
        final HttpServer bound;
        try {
            bound = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException | RuntimeException e) {
            // RuntimeException too: an unresolved host or a bad port is unchecked here.
            errors.println("rebound: metrics endpoint disabled: cannot bind " + host + ":" + port + " ("
                    + reason(e) + ")");
            return false;
        }
        ExecutorService pool = Executors.newSingleThreadExecutor(new DaemonThreads(THREAD_NAME));
        bound.createContext("/", new Handler());
        bound.setExecutor(pool);
        try {
            // The JDK's dispatcher thread inherits daemon status from the thread that starts the server;
            // started from premain's (non-daemon) thread it would keep the app's JVM from exiting.
            pool.submit(new Runnable() {
                @Override
                public void run() {
                    bound.start();
                }
            }).get();
        } catch (InterruptedException | ExecutionException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            bound.stop(0);
            pool.shutdownNow();
            errors.println("rebound: metrics endpoint disabled: cannot start on " + host + ":" + port + " ("
                    + reason(e) + ")");
            return false;
        }
        server = bound;
        executor = pool;
        return true;
    }

    /** The bound port, or -1 when not serving. */
    public synchronized int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    /** Closes the socket and waits (briefly) for the serving thread to end. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        executor = null;
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    private final class Handler implements HttpHandler {
        @Override
        public void handle(HttpExchange exchange) throws IOException {
            try {
                respond(exchange);
            } catch (RuntimeException e) {
                // A rendering bug must cost one scrape, not the endpoint's thread.
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        }

        private void respond(HttpExchange exchange) throws IOException {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String method = exchange.getRequestMethod();
            boolean head = "HEAD".equals(method);
            if (!head && !"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = text.render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
            if (head) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body);
            out.close();
        }
    }
}
