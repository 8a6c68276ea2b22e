package dev.rebound.it;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A keep-alive HTTP/1.1 server on 127.0.0.1 that serves ONE connection at a time: the next connection
 * waits in the backlog until the client closes the current one. A client that leaks a connection (an
 * unread, unclosed response body keeps it out of the pool) therefore stalls on its next call: every
 * call after the leak times out. Paths starting with {@code /fail-once/} answer their first request
 * with a 502 and a body, later ones with 200; any other path answers 200. Requests are counted per path.
 * <p>
 * A server that drops a connection after an error without saying so: paths starting with
 * {@code /closing/} answer every request with a 502 and a body, and {@code /closing-once/} their first
 * one (later ones 200); after such a 502 the server closes the connection, with no
 * {@code Connection: close} in the response. With {@code -lf} after the first segment's name
 * ({@code /closing-lf/}, {@code /closing-once-lf/}) the lines of that response's head end with a bare LF.
 */
public final class OneConnectionServer extends SerialSocketServer {

    static final String BAD_GATEWAY_BODY = "bad gateway: ".repeat(400);

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    private OneConnectionServer() throws IOException {
        super("one-connection-server", 200);
        startAccepting();
    }

    public static OneConnectionServer start() {
        try {
            return new OneConnectionServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public int count(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    public int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    void serve(Socket client, int n) throws IOException {
        client.setSoTimeout(30_000);
        serve(new BufferedInputStream(client.getInputStream()), client.getOutputStream());
    }

    private void serve(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String head = readHead(in);
            if (head == null) {
                return; // the client closed the connection
            }
            String path = path(head);
            skipBody(in, head);
            int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            String segment = path.substring(0, path.indexOf('/', 1) + 1);
            boolean closing = segment.startsWith("/closing")
                    && (segment.startsWith("/closing/") || segment.startsWith("/closing-lf/") || n == 1);
            boolean fail = closing || path.startsWith("/fail-once/") && n == 1;
            String eol = closing && segment.endsWith("-lf/") ? "\n" : "\r\n";
            byte[] body = (fail ? BAD_GATEWAY_BODY : "ok " + path).getBytes(StandardCharsets.UTF_8);
            String status = fail ? "502 Bad Gateway" : "200 OK";
            byte[] responseHead = ("HTTP/1.1 " + status + eol + "Content-Type: text/plain" + eol + "Content-Length: "
                    + body.length + eol + eol).getBytes(StandardCharsets.US_ASCII);
            // One write per response: a head and a body written apart meet Nagle's algorithm and the
            // client's delayed ACK, some 40 ms per call.
            byte[] response = Arrays.copyOf(responseHead, responseHead.length + body.length);
            System.arraycopy(body, 0, response, responseHead.length, body.length);
            out.write(response);
            out.flush();
            if (closing) {
                return; // the connection is closed after this response, unannounced
            }
        }
    }
}
