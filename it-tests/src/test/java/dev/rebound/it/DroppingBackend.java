package dev.rebound.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.x backend on 127.0.0.1 that reads each request and closes the first {@code dropFirst}
 * connections without a byte of answer, then answers {@code 200} with a fixed body. A proxy in
 * front of it turns each drop into a genuine 502. Connections are served one at a time.
 */
public final class DroppingBackend implements AutoCloseable {

    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final ServerSocket socket;
    private final int dropFirst;
    private final byte[] okBody;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    private DroppingBackend(int dropFirst, byte[] okBody) throws IOException {
        this.dropFirst = dropFirst;
        this.okBody = okBody.clone();
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(FreePorts.loopback(), 0));
        this.acceptor = new Thread(this::acceptLoop, "dropping-backend-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static DroppingBackend start(int dropFirst, byte[] okBody) {
        if (dropFirst < 0) {
            throw new IllegalArgumentException("dropFirst must be >= 0: " + dropFirst);
        }
        try {
            return new DroppingBackend(dropFirst, okBody);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far: with a non-keep-alive proxy, one per request it forwarded. */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                int n = connections.incrementAndGet();
                client.setSoTimeout(2000);
                readRequestHead(client.getInputStream());
                if (n > dropFirst) {
                    answer(client.getOutputStream());
                }
            } catch (SocketException closed) {
                if (socket.isClosed()) {
                    return;
                }
            } catch (IOException e) {
                // One broken connection must not stop the backend; the next one is served as usual.
            }
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int i = 0; i < MAX_HEADER_BYTES; i++) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return;
            }
        }
    }

    private void answer(OutputStream out) throws IOException {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + okBody.length
                + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(okBody);
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
            acceptor.join(2000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
