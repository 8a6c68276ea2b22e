package dev.rebound.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metrics endpoint's server against clients that misbehave: slow, half-sent, too many, too large. */
class TinyHttpServerTest {
    private static final long TIMEOUT_MILLIS = 600;

    private final List<Socket> sockets = new ArrayList<>();
    private TinyHttpServer server;

    @AfterEach
    void close() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private void start() throws IOException {
        server = TinyHttpServer.start("127.0.0.1", 0, (method, path) -> TinyHttpServer.response(200, "OK", "text/plain",
                null, (method + " " + path).getBytes(StandardCharsets.US_ASCII), "HEAD".equals(method)),
                "test-tiny-http", TIMEOUT_MILLIS);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    private String exchange(String request) throws IOException {
        Socket s = connect();
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readAll(s.getInputStream());
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                buffer.write(chunk, 0, n);
            }
        } catch (SocketException reset) {
            // A server that closes with unread input resets; what arrived before counts.
        }
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when the server closed the connection (EOF or reset) within {@code millis}. */
    private static boolean closedWithin(Socket s, int millis) throws IOException {
        s.setSoTimeout(millis);
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Test
    void answersOneRequestAndCloses() throws IOException {
        start();
        String response = exchange("GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.contains("\r\nContent-Length: 12\r\n"), response);
        assertTrue(response.contains("\r\nConnection: close\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\nGET /metrics"), response);
    }

    @Test
    void bareLineFeedsAndHeadAreUnderstood() throws IOException {
        start();
        String response = exchange("HEAD /metrics HTTP/1.0\n\n");
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n") && response.endsWith("\r\n\r\n"), response);
    }

    @Test
    void malformedRequestLineGets400() throws IOException {
        start();
        assertTrue(exchange("hello\r\n\r\n").startsWith("HTTP/1.1 400 "));
    }

    @Test
    void requestHeadOverTheLimitGets431() throws IOException {
        start();
        String big = "GET /metrics HTTP/1.1\r\nX: " + "a".repeat(TinyHttpServer.MAX_REQUEST_BYTES) + "\r\n\r\n";
        assertTrue(exchange(big).startsWith("HTTP/1.1 431 "));
    }

    @Test
    void halfSentRequestIsClosedAtItsDeadlineEvenWhenItTrickles() throws Exception {
        start();
        Socket slow = connect();
        OutputStream out = slow.getOutputStream();
        long began = System.nanoTime();
        boolean closed = false;
        // One byte every 100 ms: each read is quick, so only a deadline for the whole head ends it.
        for (int i = 0; i < 100 && !closed; i++) {
            try {
                out.write('G');
                out.flush();
            } catch (SocketException e) {
                closed = true;
                break;
            }
            closed = closedWithin(slow, 100);
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        assertTrue(closed, "still open after " + millis + " ms");
        assertTrue(millis >= TIMEOUT_MILLIS - 50, "closed after " + millis + " ms, before its deadline");
    }

    @Test
    void connectionsPastTheCapAreClosedAtOnceAndTheEndpointAnswersAfterTheSlowOnesExpire() throws Exception {
        start();
        int slowCount = 40;
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < slowCount; i++) {
            Socket s = connect();
            s.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
            slow.add(s);
        }
        int closedAtOnce = 0;
        for (Socket s : slow) {
            if (closedWithin(s, 50)) {
                closedAtOnce++;
            }
        }
        // Those accepted before the cap was reached stay open until their deadline; every other one is closed.
        assertTrue(closedAtOnce >= slowCount - TinyHttpServer.MAX_CONNECTIONS,
                closedAtOnce + " of " + slowCount + " closed at once");

        Thread.sleep(TIMEOUT_MILLIS + 300);
        for (Socket s : slow) {
            assertTrue(closedWithin(s, 2000), "a slow connection outlived its deadline");
        }
        assertTrue(exchange("GET /metrics HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 200 OK"));
    }

    @Test
    void stopClosesTheListenerAndOpenConnections() throws Exception {
        start();
        Socket slow = connect();
        int port = server.port();
        server.stop();
        server = null;
        assertTrue(closedWithin(slow, 2000));
        try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort());
        }
    }
}
