package dev.rebound.bench.resilience;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scripted loopback upstream. {@code /warmup} always answers 200 and is not counted; {@code /start}
 * starts a run (clock and counters reset); {@code /work} answers as the current {@link FailureScript}
 * says and records every wire attempt, so attempts are counted where they land, whoever sent them.
 * A POST's "work" is its arrival: each attempt that reaches {@code /work} is one execution.
 */
public final class Upstream implements AutoCloseable {
    /** One wire attempt as the upstream saw it. */
    public record Arrival(long callId, int attempt, long atNanos, int status) {
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<Long, AtomicInteger> attemptsPerCall = new ConcurrentHashMap<>();
    private volatile FailureScript script = (id, attempt, since) -> FailureScript.Reply.OK;
    private volatile long startNanos = System.nanoTime();

    public Upstream() throws IOException {
        // Set before the first HttpServer is created: the JDK reads it once. Without it, Nagle's algorithm
        // and delayed ACKs add ~40 ms to some loopback responses and drown the effect being measured.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        workers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "upstream");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The script for the next run; the run itself starts with the driver's {@code /start}. */
    public void script(FailureScript next) {
        this.script = next;
        arrivals.clear();
        attemptsPerCall.clear();
    }

    public List<Arrival> arrivals() {
        return new ArrayList<>(arrivals);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String path = ex.getRequestURI().getPath();
        if (path.startsWith("/start")) {
            arrivals.clear();
            attemptsPerCall.clear();
            startNanos = System.nanoTime();
            respond(ex, FailureScript.Reply.OK);
        } else if (path.startsWith("/work")) {
            long since = System.nanoTime() - startNanos;
            long callId = parseCallId(ex.getRequestHeaders().getFirst(AppClient.CALL_HEADER));
            int attempt = attemptsPerCall.computeIfAbsent(callId, k -> new AtomicInteger()).getAndIncrement();
            FailureScript.Reply reply = script.reply(callId, attempt, since);
            arrivals.add(new Arrival(callId, attempt, since, reply.status()));
            respond(ex, reply);
        } else {
            respond(ex, FailureScript.Reply.OK);
        }
    }

    private static long parseCallId(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void respond(HttpExchange ex, FailureScript.Reply reply) throws IOException {
        byte[] body = (reply.status() == 200 ? "ok\n" : "upstream says " + reply.status() + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        if (reply.retryAfter() != null) {
            ex.getResponseHeaders().set("Retry-After", reply.retryAfter());
        }
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
