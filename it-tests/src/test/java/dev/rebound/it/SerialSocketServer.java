package dev.rebound.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw TCP server on the loopback address that serves the connections it accepts one at a time, on one
 * daemon thread, for the tests that need wire behaviour WireMock cannot script. Subclasses say what to do
 * with a connection and call {@link #startAccepting()} once their own fields are set.
 */
abstract class SerialSocketServer implements AutoCloseable {
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
}
