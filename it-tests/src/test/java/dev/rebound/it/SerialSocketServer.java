package dev.rebound.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw TCP server on the loopback address that serves the connections it accepts one at a time, on one
 * daemon thread, for the tests that need wire behaviour WireMock cannot script. Subclasses say what to do
 * with a connection and call {@link #startAccepting()} once their own fields are set.
 */
abstract class SerialSocketServer implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final ServerSocket socket;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();

    /** @param backlog connections the kernel queues while one is served; 0 for its default */
    SerialSocketServer(String name, int backlog) throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(FreePorts.loopback(), 0), backlog);
        acceptor = new Thread(this::acceptLoop, name + "-" + socket.getLocalPort());
        acceptor.setDaemon(true);
    }

    final void startAccepting() {
        acceptor.start();
    }

    /** Serves one accepted connection, the {@code n}-th; it is closed afterwards. */
    abstract void serve(Socket client, int n) throws IOException;

    public final int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far. */
    public final int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                serve(client, connections.incrementAndGet());
            } catch (SocketException closed) {
                if (socket.isClosed()) {
                    return;
                }
            } catch (IOException e) {
                // One broken connection must not stop the server; the next one is served as usual.
            }
        }
    }

    @Override
    public final void close() {
        try {
            socket.close();
            acceptor.join(2000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A request's head up to its blank line, or null when the client closed the connection first. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (head.size() >= MAX_HEAD_BYTES) {
                throw new IOException("request head too large");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The path of a request head, without its query. */
    static String path(String head) {
        return head.substring(0, head.indexOf("\r\n")).split(" ")[1].split("\\?")[0];
    }

    /** Reads past the request body that {@code head} announces with Content-Length. */
    static void skipBody(InputStream in, String head) throws IOException {
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        for (int i = 0; i < length; i++) {
            if (in.read() < 0) {
                throw new IOException("body cut short");
            }
        }
    }
}
