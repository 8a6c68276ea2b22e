package dev.rebound.it;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Answers each path's first request with a 502 and every later one with a 200; notes when each came. One
 * call's first answer can be held back, to keep it in flight across a command.
 */
final class FailOnceServer implements AutoCloseable {
    private final HttpServer server;
    /** Path to the arrival times ({@link System#nanoTime()}) of its requests. */
    private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    private volatile CountDownLatch holdNext;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile String heldPath;

    private FailOnceServer(HttpServer server) {
        this.server = server;
    }

    static FailOnceServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        // Threads enough for an app's concurrent calls; a held answer then blocks only its own call.
        http.setExecutor(Executors.newFixedThreadPool(8));
        FailOnceServer s = new FailOnceServer(http);
        http.createContext("/", exchange -> {
            long now = System.nanoTime();
            exchange.getRequestBody().readAllBytes();
            List<Long> times = s.arrivals.computeIfAbsent(exchange.getRequestURI().getPath(),
                    p -> Collections.synchronizedList(new ArrayList<>()));
            times.add(now);
            CountDownLatch hold = s.holdNext;
            if (times.size() == 1 && hold != null) {
                s.holdNext = null;
                s.heldPath = exchange.getRequestURI().getPath();
                s.held.countDown();
                try {
                    s.released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = (times.size() == 1 ? "fail" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(times.size() == 1 ? 502 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return s;
    }

    /** Holds the answer to the next call's first request until {@link #release}. */
    void holdNextCall() {
        holdNext = new CountDownLatch(1);
    }

    /** The held call's path, once its first request is being held. */
    String awaitHeld() throws InterruptedException {
        if (!held.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no call came to hold within 30 s\n" + journal());
        }
        return heldPath;
    }

    void release() {
        released.countDown();
    }

    int requests(String path) {
        List<Long> times = arrivals.get(path);
        return times == null ? 0 : times.size();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Until every client has made {@code calls} calls whose first request came after {@code since}; a client's
     * paths start with {@code /<client>/}.
     */
    void awaitCalls(long since, int calls, String[] clients, Supplier<String> appOutput) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (String client : clients) {
                all &= callsSince(client, since) >= calls;
            }
            if (all) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("too few calls within 60 s\n" + journal() + "\napp: " + appOutput.get());
    }

    private int callsSince(String client, long since) {
        int n = 0;
        for (Map.Entry<String, List<Long>> e : arrivals.entrySet()) {
            if (e.getKey().startsWith("/" + client + "/") && e.getValue().get(0) > since) {
                n++;
            }
        }
        return n;
    }

    /**
     * The calls that reached the server a wrong number of times, one line each; empty when none did.
     *
     * @param phases each {@code {from, to, requests}}: a call whose first request came between the two
     *               {@link System#nanoTime()} values must have made that many
     */
    String judge(long[]... phases) {
        StringBuilder wrong = new StringBuilder();
        for (Map.Entry<String, List<Long>> e : new TreeMap<>(arrivals).entrySet()) {
            long first = e.getValue().get(0);
            for (int i = 0; i < phases.length; i++) {
                long[] phase = phases[i];
                if (first > phase[0] && first < phase[1] && e.getValue().size() != phase[2]) {
                    wrong.append(e.getKey()).append(": ").append(e.getValue().size()).append(" requests, expected ")
                            .append(phase[2]).append(" (phase ").append(i + 1).append(")\n");
                }
            }
        }
        return wrong.toString();
    }

    /** Number of requests to the number of paths that received that many. */
    Map<Integer, Integer> histogram() {
        Map<Integer, Integer> out = new TreeMap<>();
        arrivals.values().forEach(times -> out.merge(times.size(), 1, Integer::sum));
        return out;
    }

    String journal() {
        StringBuilder sb = new StringBuilder("requests per path:");
        new TreeMap<>(arrivals).forEach((path, times) -> sb.append(' ').append(path).append('=').append(times.size()));
        return sb.toString();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
