package dev.rebound.bench.soak;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loopback HTTP/1.1 upstream on raw sockets (keep-alive) for the soak: {@code GET /<run>/<call>} is answered by
 * the {@link FaultScript} for that call's attempt number, counted here. A reset closes with SO_LINGER 0 before
 * any byte; a slow answer sends nothing and waits for the client to close (at most 10 s).
 */
final class SoakUpstream implements AutoCloseable {
    private static final byte[] OK_BODY = "ok".getBytes(StandardCharsets.US_ASCII);

    private final FaultScript script;
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "soak-upstream");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentHashMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final AtomicLong wireAttempts = new AtomicLong();

    SoakUpstream(FaultScript script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Wire attempts seen for {@code /<run>/<call>}. */
    int attempts(String run, long call) {
        AtomicInteger n = attempts.get(run + "/" + call);
        return n == null ? 0 : n.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                String target = readRequest(in);
                if (target == null) {
                    return;
                }
                String key = target.startsWith("/") ? target.substring(1) : target;
                int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                wireAttempts.incrementAndGet();
                int slash = key.lastIndexOf('/');
                long call = Long.parseLong(key.substring(slash + 1));
                switch (script.answer(call, attempt)) {
                    case OK -> respond(out, 200, "OK", OK_BODY);
                    case STATUS_502 -> respond(out, 502, "Bad Gateway", ("bad gateway " + call).getBytes(StandardCharsets.US_ASCII));
                    case STATUS_503 -> respond(out, 503, "Service Unavailable", new byte[0]);
                    case RESET -> {
                        s.setSoLinger(true, 0);
                        return;
                    }
                    case SLOW -> {
                        s.setSoTimeout(10_000);
                        try {
                            while (in.read() >= 0) {
                                // Wait for the client to give up and close.
                            }
                        } catch (SocketTimeoutException | java.net.SocketException ignored) {
                            // Gone or given up: either way the connection ends.
                        }
                        return;
                    }
                    default -> throw new IllegalStateException();
                }
            }
        } catch (IOException | RuntimeException e) {
            // A client that closed mid-exchange; the next connection is served as usual.
        }
    }

    private static void respond(OutputStream out, int status, String reason, byte[] body) throws IOException {
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** The request target, after the whole head (no body is expected); null at end of stream. */
    private static String readRequest(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        String requestLine = null;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (c == '\n') {
                String text = line.toString().trim();
                line.setLength(0);
                if (requestLine == null) {
                    if (!text.isEmpty()) {
                        requestLine = text;
                    }
                } else if (text.isEmpty()) {
                    String[] parts = requestLine.split(" ");
                    return parts.length > 1 ? parts[1] : "/";
                }
            } else if (line.length() < 8192) {
                line.append((char) c);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
