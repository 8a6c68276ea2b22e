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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The scripted loopback upstream. {@code /warmup} always answers 200 and is not counted; {@code /start}
 * starts a run (clock and counters reset); {@code /work} answers as the current {@link FailureScript}
 * says and records every wire attempt, so attempts are counted where they land, whoever sent them.
 * A POST's "work" is its arrival: each attempt that reaches {@code /work} is one execution.
 *
 * <p>With a {@link Capacity} (S7) an attempt the script answers 200 must first get one of a fixed number of
 * workers, waiting in a bounded queue, and holds it for the service time; an attempt that finds the queue full
 * gets 503 at once, as a server that sheds load does. {@code /fleet} lines up several driver JVMs (S8): each
 * asks until all have asked, and all get the same start time.
 */
public final class Upstream implements AutoCloseable {
    /** One wire attempt as the upstream saw it; {@code atNanos} is its arrival, {@code doneNanos} its answer. */
    public record Arrival(long callId, int attempt, long atNanos, int status, long doneNanos) {
        public Arrival(long callId, int attempt, long atNanos, int status) {
            this(callId, attempt, atNanos, status, atNanos);
        }
    }

    /** A fixed capacity: {@code workers} at once, {@code queue} more waiting, each holding a worker for {@code service}. */
    public record Capacity(int workers, int queue, long serviceNanos) {
    }

    private static final int THREADS = 96;

    private final HttpServer server;
    private final ExecutorService workers;
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<Long, AtomicInteger> attemptsPerCall = new ConcurrentHashMap<>();
    private volatile FailureScript script = (id, attempt, since) -> FailureScript.Reply.OK;
    private volatile long startNanos = System.nanoTime();
    private volatile Capacity capacity;
    private volatile Semaphore workersFree;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Object fleetLock = new Object();
    private int fleetSize;
    private int fleetJoined;
    private long fleetStartNanos;

    public Upstream() throws IOException {
        // Set before the first HttpServer is created: the JDK reads it once. Without it, Nagle's algorithm
        // and delayed ACKs add ~40 ms to some loopback responses and drown the effect being measured.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        // Enough threads that a capacity's queue waits in threads, never in the executor's own queue.
        workers = Executors.newFixedThreadPool(THREADS, r -> {
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
        script(next, null, 0);
    }

    /**
     * The script, capacity (null for none) and fleet size (0 for one driver, which starts the run with
     * {@code /start}) for the next run.
     */
    public void script(FailureScript next, Capacity cap, int fleet) {
        if (cap != null && cap.workers() + cap.queue() > THREADS - 8) {
            throw new IllegalArgumentException("capacity above the upstream's threads: " + cap);
        }
        this.script = next;
        this.capacity = cap;
        this.workersFree = cap == null ? null : new Semaphore(cap.workers(), true);
        admitted.set(0);
        synchronized (fleetLock) {
            fleetSize = fleet;
            fleetJoined = 0;
        }
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
        } else if (path.startsWith("/fleet")) {
            respond(ex, new FailureScript.Reply(200, null), Long.toString(joinFleet(ex.getRequestURI().getQuery())));
        } else if (path.startsWith("/work")) {
            long since = System.nanoTime() - startNanos;
            long callId = parseCallId(ex.getRequestHeaders().getFirst(AppClient.CALL_HEADER));
            int attempt = attemptsPerCall.computeIfAbsent(callId, k -> new AtomicInteger()).getAndIncrement();
            FailureScript.Reply reply = script.reply(callId, attempt, since);
            Capacity cap = capacity;
            if (cap != null && reply.status() == 200) {
                reply = serve(cap);
            }
            arrivals.add(new Arrival(callId, attempt, since, reply.status(), System.nanoTime() - startNanos));
            respond(ex, reply);
        } else {
            respond(ex, FailureScript.Reply.OK);
        }
    }

    private FailureScript.Reply serve(Capacity cap) {
        if (admitted.incrementAndGet() > cap.workers() + cap.queue()) {
            admitted.decrementAndGet();
            return new FailureScript.Reply(503, null);
        }
        Semaphore free = workersFree;
        try {
            free.acquireUninterruptibly();
            try {
                LockSupport.parkNanos(cap.serviceNanos());
            } finally {
                free.release();
            }
        } finally {
            admitted.decrementAndGet();
        }
        return FailureScript.Reply.OK;
    }

    /**
     * A driver of the fleet asks to start: -1 while some have not asked yet, then the milliseconds until the
     * common start (the run's clock starts then). The start is set when the last one asks, one second ahead.
     */
    private long joinFleet(String query) {
        synchronized (fleetLock) {
            if (query != null && query.startsWith("join")) {
                fleetJoined++;
                if (fleetJoined == fleetSize) {
                    fleetStartNanos = System.nanoTime() + 1_000_000_000L;
                    arrivals.clear();
                    attemptsPerCall.clear();
                    startNanos = fleetStartNanos;
                }
            }
            if (fleetSize == 0 || fleetJoined < fleetSize) {
                return -1;
            }
            return Math.max(0, (fleetStartNanos - System.nanoTime()) / 1_000_000L);
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
        respond(ex, reply, reply.status() == 200 ? "ok" : "upstream says " + reply.status());
    }

    private static void respond(HttpExchange ex, FailureScript.Reply reply, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.US_ASCII);
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
