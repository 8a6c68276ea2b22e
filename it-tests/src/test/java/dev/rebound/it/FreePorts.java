package dev.rebound.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports for fixtures and for connections that must be refused. */
public final class FreePorts {

    private FreePorts() {
    }

    public static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    /** A port that was free on 127.0.0.1 a moment ago; the caller binds it at once. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(loopback(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port with nothing listening: connecting to it is refused. */
    public static int closed() {
        return free();
    }
}
