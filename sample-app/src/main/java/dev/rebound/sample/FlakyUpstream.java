package dev.rebound.sample;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local upstream that fails like a gateway in front of a sick backend: a seeded fraction of requests
 * get 502 with an HTML error page, the rest 200 with a small JSON body. Whether the n-th request (from 0)
 * on a path fails depends only on (seed, path, n), so runs are comparable. Counts requests and request
 * body bytes per path.
 */
final class FlakyUpstream implements AutoCloseable {
    static final String OK_BODY = "{\"status\":\"ok\",\"source\":\"flaky-upstream\"}\n";
    static final String BAD_GATEWAY_BODY = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>flaky-upstream</center>\r\n"
            + "</body>\r\n</html>\r\n";
    /** Response header carrying the request's index on its path (from 0). */
    static final String ATTEMPT_HEADER = "X-Upstream-Attempt";

    private static final byte[] OK = OK_BODY.getBytes(StandardCharsets.UTF_8);
    private static final byte[] BAD_GATEWAY = BAD_GATEWAY_BODY.getBytes(StandardCharsets.UTF_8);
    private static final int SERVER_THREADS = 4;

    static {
        // Read once when the JDK server's config class loads; without it Nagle + delayed ACK cost
        // ~40 ms per keep-alive request on loopback. A value the user set wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final double failRate;
    private final long seed;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicLong> requestBytes = new ConcurrentHashMap<>();

    private FlakyUpstream(double failRate, long seed) throws IOException {
        if (!(failRate >= 0.0 && failRate <= 1.0)) {
            throw new IllegalArgumentException("failRate must be in [0, 1]: " + failRate);
        }
        this.failRate = failRate;
        this.seed = seed;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(SERVER_THREADS, task -> {
            Thread thread = new Thread(task, "flaky-upstream");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts on 127.0.0.1, on a free port. */
    static FlakyUpstream start(double failRate, long seed) throws IOException {
        FlakyUpstream upstream = new FlakyUpstream(failRate, seed);
        upstream.server.start();
        return upstream;
    }

    /** The URL of a path on this upstream, e.g. {@code uri("/demo/jdk")}. */
    URI uri(String path) {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + path);
    }

    /** Requests received so far on a path (wire attempts, whatever the client made of them). */
    int attempts(String path) {
        AtomicInteger count = attempts.get(path);
        return count == null ? 0 : count.get();
    }

    /** Request body bytes received so far on a path, over all attempts. */
    long requestBytes(String path) {
        AtomicLong bytes = requestBytes.get(path);
        return bytes == null ? 0 : bytes.get();
    }

    /** Whether the request with this index (from 0) on this path gets a 502. */
    boolean failsAt(String path, int index) {
        return failsAt(seed, failRate, path, index);
    }

    /** The failure decision itself: a pure function, so tests and runs can predict it. */
    static boolean failsAt(long seed, double failRate, String path, int index) {
        long key = seed ^ (path.hashCode() * 0x9E3779B97F4A7C15L) ^ (index * 0xC2B2AE3D27D4EB4FL);
        return new SplittableRandom(key).nextDouble() < failRate;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            long received = exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            requestBytes.computeIfAbsent(path, p -> new AtomicLong()).addAndGet(received);
            int index = attempts.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
            boolean fail = failsAt(path, index);
            byte[] body = fail ? BAD_GATEWAY : OK;
            exchange.getResponseHeaders().set("Content-Type", fail ? "text/html" : "application/json");
            exchange.getResponseHeaders().set(ATTEMPT_HEADER, Integer.toString(index));
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(fail ? 502 : 200, head ? -1 : body.length);
            if (!head) {
                exchange.getResponseBody().write(body);
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
