package dev.rebound.it;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 that plays a script per path, one {@link Step} per wire attempt
 * (the last step repeats), for the per-attempt sequences WireMock cannot script: a reset in the middle
 * of the status line and headers, a silence that outlasts the client's read timeout. One request per
 * connection (every answer says {@code Connection: close}), so each attempt is a connection of its own;
 * requests are counted per path as they arrive.
 */
public final class ScriptedServer extends SerialSocketServer {

    /** What the server does with one request. */
    sealed interface Step permits Answer, ResetMidHeaders, Silence {
    }

    /** A complete answer with a {@code Content-Length} body. */
    record Answer(int status, String body) implements Step {
    }

    /**
     * {@code HTTP/1.1 200 OK\r\nContent-Ty}, then a reset (SO_LINGER 0). The pause between lets the
     * client read the partial head first, so that the reset comes in the middle of its parsing.
     */
    record ResetMidHeaders() implements Step {
        static final String PARTIAL_HEAD = "HTTP/1.1 200 OK\r\nContent-Ty";
        static final int PAUSE_MS = 150;
    }

    /** Nothing, until the client gives up and closes the connection (its read timeout). */
    record Silence() implements Step {
    }

    static Step answer(int status, String body) {
        return new Answer(status, body);
    }

    static Step resetMidHeaders() {
        return new ResetMidHeaders();
    }

    static Step silence() {
        return new Silence();
    }

    /** A silent answer waits at most this long for the client to give up: far beyond any test's read timeout. */
    private static final int SILENCE_BOUND_MS = 20_000;

    private final Map<String, List<Step>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    private ScriptedServer() throws IOException {
        super("scripted-server", 50);
        startAccepting();
    }

    public static ScriptedServer start() {
        try {
            return new ScriptedServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plays {@code steps} on {@code path}, one per request; the last one repeats. */
    ScriptedServer script(String path, Step... steps) {
        if (steps.length == 0) {
            throw new IllegalArgumentException("at least one step");
        }
        scripts.put(path, List.of(steps));
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The host label the agent's metrics give this server: {@code host:port} as in the URL. */
    public String host() {
        return "127.0.0.1:" + port();
    }

    /** Requests received on {@code path}: the wire attempts. */
    public int count(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    void serve(Socket client, int n) throws IOException {
        client.setSoTimeout(10_000);
        InputStream in = new BufferedInputStream(client.getInputStream());
        String head = readHead(in);
        if (head == null) {
            return;
        }
        String path = path(head);
        skipBody(in, head);
        int attempt = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        List<Step> script = scripts.getOrDefault(path, List.of(answer(404, "no script for " + path)));
        Step step = script.get(Math.min(attempt, script.size()) - 1);
        OutputStream out = client.getOutputStream();
        if (step instanceof Answer a) {
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            byte[] responseHead = ("HTTP/1.1 " + a.status() + " " + reason(a.status())
                    + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] response = new byte[responseHead.length + body.length];
            System.arraycopy(responseHead, 0, response, 0, responseHead.length);
            System.arraycopy(body, 0, response, responseHead.length, body.length);
            out.write(response);
            out.flush();
        } else if (step instanceof ResetMidHeaders) {
            out.write(ResetMidHeaders.PARTIAL_HEAD.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sleep(ResetMidHeaders.PAUSE_MS);
            client.setSoLinger(true, 0); // close() below, by the accept loop, sends RST
        } else {
            drain(in, SILENCE_BOUND_MS);
        }
    }

    /** Reads until the client closes its side (or {@code boundMs}), so that the close comes from the client. */
    private static void drain(InputStream in, int boundMs) {
        long end = System.nanoTime() + boundMs * 1_000_000L;
        try {
            while (System.nanoTime() < end) {
                try {
                    if (in.read() < 0) {
                        return;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // keep waiting until the bound
                }
            }
        } catch (IOException closed) {
            // the client reset the connection: it gave up
        }
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status";
        };
    }
}
