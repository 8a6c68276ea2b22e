package dev.rebound.client;

import dev.rebound.engine.FailureKind;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;

/**
 * Maps a client's transport exception to a {@link FailureKind}, or null when it is not one rebound
 * knows how to judge (TLS, DNS, protocol misuse): those are never retried. Shared by every adapter, so
 * that "reset" means the same thing whichever client the app uses.
 */
public final class Failures {
    private Failures() {
    }

    public static FailureKind classify(Throwable t) {
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            FailureKind kind = classifyOne(t);
            if (kind != null) {
                return kind;
            }
        }
        return null;
    }

    /**
     * True when {@code t} or one of its causes is a {@code type}. Bounded: a cause chain may loop
     * ({@code a.initCause(b)}, {@code b.initCause(a)}), and this may run on a client's own thread.
     */
    public static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the connection ended before any byte of a response came back: Apache HttpClient's
     * {@code NoHttpResponseException}, or a write refused with "Broken pipe". On a pooled connection
     * that is what a connection the server had already closed gives, before the server read anything.
     */
    public static boolean isClosedBeforeResponse(Throwable t) {
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.startsWith("org.apache.") && name.endsWith(".NoHttpResponseException")) {
                return true;
            }
            if (t instanceof SocketException && t.getMessage() != null && t.getMessage().startsWith("Broken pipe")) {
                return true;
            }
        }
        return false;
    }

    private static FailureKind classifyOne(Throwable t) {
        FailureKind named = byLibraryName(t.getClass().getName());
        if (named != null) {
            return named;
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof PortUnreachableException) {
            return FailureKind.CONNECT_FAILURE;
        }
        if (t instanceof SocketTimeoutException) {
            // The JDK says which phase timed out only in the message ("Connect timed out" vs "Read timed out").
            String message = t.getMessage();
            return message != null && message.regionMatches(true, 0, "connect", 0, 7)
                    ? FailureKind.CONNECT_FAILURE : FailureKind.TIMEOUT;
        }
        if (t instanceof javax.net.ssl.SSLException) {
            return null;
        }
        if (t instanceof SocketException || t instanceof EOFException) {
            return FailureKind.RESET;
        }
        if (t instanceof ClosedChannelException) {
            // The JDK HttpClient's NIO transport: the peer closed the connection under a pending exchange.
            return FailureKind.RESET;
        }
        if (t.getClass() == IOException.class && isIncompleteResponse(t.getMessage())) {
            return FailureKind.RESET;
        }
        return null;
    }

    /**
     * Library exceptions known by exact class name, since this class may not link against the libraries:
     * Apache HttpClient 4 ({@code org.apache.http...}) and 5 ({@code org.apache.hc...}) use the same simple
     * names. Exact names, not subtypes: HttpClient 4's {@code ConnectionPoolTimeoutException} extends its
     * {@code ConnectTimeoutException}, but means the app's own pool is exhausted, not that the host failed.
     */
    private static FailureKind byLibraryName(String name) {
        if (!name.startsWith("org.apache.")) {
            return null;
        }
        if (name.endsWith(".ConnectTimeoutException")) {
            return FailureKind.CONNECT_FAILURE;
        }
        if (name.endsWith(".NoHttpResponseException") || name.endsWith(".ConnectionClosedException")) {
            return FailureKind.RESET;
        }
        return null;
    }

    /** Plain IOExceptions the JDK clients throw when the peer closed or garbled a response. */
    private static boolean isIncompleteResponse(String message) {
        if (message == null) {
            return false;
        }
        return message.startsWith("Premature EOF")
                || message.startsWith("Connection reset") // NIO channels (the JDK HttpClient): "Connection reset by peer"
                || message.startsWith("Broken pipe")
                || message.startsWith("Invalid Http response")
                || message.startsWith("Unexpected end of file")
                || message.startsWith("HTTP/1.1 header parser received no bytes")
                || message.contains("connection closed locally")
                || message.contains("closed before");
    }
}
