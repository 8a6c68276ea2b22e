package dev.rebound.export;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * A minimal HTTP/1.x server for one endpoint, on one daemon thread and one selector, built so that no client
 * can take more than a few file descriptors from the app it lives in: at most {@link #MAX_CONNECTIONS} open
 * connections (a connection beyond that is closed as soon as it is accepted), a request head of at most
 * {@link #MAX_REQUEST_BYTES} that must arrive whole within {@link #REQUEST_TIMEOUT_MILLIS} of the accept, a
 * response that must be taken within {@link #RESPONSE_TIMEOUT_MILLIS}, one request per connection. A slow
 * or half-sent request only ever holds one of the few slots, and only until its deadline.
 *
 * <p>{@code com.sun.net.httpserver} was the alternative: its limits are JVM-wide system properties
 * ({@code sun.net.httpserver.maxConnections}, ...) that would also change the app's own {@code HttpServer}.
 */
final class TinyHttpServer {
    static final int MAX_CONNECTIONS = 4;
    static final int MAX_REQUEST_BYTES = 8192;
    static final long REQUEST_TIMEOUT_MILLIS = 5000;
    static final long RESPONSE_TIMEOUT_MILLIS = 5000;
    private static final long ACCEPT_PAUSE_MILLIS = 100;
    /**
     * Connections the kernel queues until accepted. They hold no descriptor of the app; a queue this deep lets
     * a burst be accepted (and, past the cap, closed) at once instead of leaving clients to resend their SYN.
     */
    private static final int ACCEPT_BACKLOG = 50;
    private static final Charset ASCII = Charset.forName("US-ASCII");

    /** Answers one request; runs on the server's thread. */
    interface Handler {
        /** @return the whole response, e.g. from {@link #response} */
        byte[] respond(String method, String path);
    }

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Handler handler;
    private final long requestTimeoutNanos;
    private final Thread thread;
    private volatile boolean stopping;
    /** When accept failed (say the app is out of descriptors): not retried before then, so the loop never spins. */
    private long acceptPausedUntil;
    private boolean acceptPaused;

    private TinyHttpServer(ServerSocketChannel listener, Selector selector, Handler handler, long requestTimeoutMillis,
                           String threadName) {
        this.listener = listener;
        this.selector = selector;
        this.handler = handler;
        this.requestTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(requestTimeoutMillis);
        this.thread = new Thread(new Runnable() {
            @Override
            public void run() {
                serve();
            }
        }, threadName);
        thread.setDaemon(true);
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException or an unchecked exception (unresolved host, bad port) when it cannot bind
     */
    static TinyHttpServer start(String host, int port, Handler handler, String threadName) throws IOException {
        return start(host, port, handler, threadName, REQUEST_TIMEOUT_MILLIS);
    }

    static TinyHttpServer start(String host, int port, Handler handler, String threadName, long requestTimeoutMillis)
            throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        Selector selector = null;
        try {
            listener.bind(new InetSocketAddress(host, port), ACCEPT_BACKLOG);
            listener.configureBlocking(false);
            selector = Selector.open();
            listener.register(selector, SelectionKey.OP_ACCEPT);
            TinyHttpServer server = new TinyHttpServer(listener, selector, handler, requestTimeoutMillis, threadName);
            server.thread.start();
            return server;
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(listener);
            if (selector != null) {
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // Already failing; the bind error is the one to report.
                }
            }
            throw e;
        }
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    /** Closes the listener and every connection, and waits briefly for the thread to end. */
    void stop() {
        stopping = true;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The bytes of a response with {@code Content-Length} and {@code Connection: close}. */
    static byte[] response(int status, String reason, String contentType, String extraHeader, byte[] body,
                           boolean headOnly) {
        StringBuilder head = new StringBuilder(128);
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (extraHeader != null) {
            head.append(extraHeader).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(ASCII);
        if (headOnly || body.length == 0) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private void serve() {
        try {
            while (!stopping) {
                long now = System.nanoTime();
                long wait = expire(now);
                selector.select(wait);
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    handle(key);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // The selector failed; serving ends, the app goes on.
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key.channel());
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // Closing on the way out; nothing left to do.
            }
            closeQuietly(listener);
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.channel() == listener) {
            accept();
            return;
        }
        Exchange exchange = (Exchange) key.attachment();
        try {
            if (key.isReadable()) {
                exchange.read(key);
            } else if (key.isWritable()) {
                exchange.write(key);
            }
        } catch (IOException | RuntimeException e) {
            close(key);
        }
    }

    /** Accepts every waiting connection: up to the cap each gets a slot; past it, each is closed at once. */
    private void accept() {
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                // E.g. EMFILE when the app itself has run out of descriptors: pause accepting for a moment.
                listener.keyFor(selector).interestOps(0);
                acceptPaused = true;
                acceptPausedUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACCEPT_PAUSE_MILLIS);
                return;
            }
            if (channel == null) {
                return;
            }
            if (selector.keys().size() - 1 >= MAX_CONNECTIONS) {
                closeQuietly(channel);
                continue;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, Boolean.TRUE);
                channel.register(selector, SelectionKey.OP_READ, new Exchange(System.nanoTime() + requestTimeoutNanos));
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
            }
        }
    }

    /** Closes connections past their deadline; returns how long select may wait (ms, 0 = no limit). */
    private long expire(long now) {
        long nearest = Long.MAX_VALUE;
        if (acceptPaused) {
            if (now - acceptPausedUntil >= 0) {
                acceptPaused = false;
                listener.keyFor(selector).interestOps(SelectionKey.OP_ACCEPT);
            } else {
                nearest = acceptPausedUntil - now;
            }
        }
        for (SelectionKey key : selector.keys()) {
            Object attachment = key.attachment();
            if (attachment instanceof Exchange) {
                long left = ((Exchange) attachment).deadline - now;
                if (left <= 0) {
                    close(key);
                } else {
                    nearest = Math.min(nearest, left);
                }
            }
        }
        return nearest == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nearest) + 1);
    }

    private static void close(SelectionKey key) {
        key.cancel();
        closeQuietly(key.channel());
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The descriptor is released either way.
        }
    }

    /** One connection: the request head as it arrives, then the response as it leaves. */
    private final class Exchange {
        private final ByteBuffer in = ByteBuffer.allocate(MAX_REQUEST_BYTES);
        private ByteBuffer out;
        /** Bytes already searched for the end of the head, so that a trickled request is scanned once. */
        private int scanned;
        long deadline;

        Exchange(long deadline) {
            this.deadline = deadline;
        }

        void read(SelectionKey key) throws IOException {
            int n = ((SocketChannel) key.channel()).read(in);
            if (n < 0) {
                close(key);
                return;
            }
            int end = headEnd();
            byte[] answer;
            if (end >= 0) {
                answer = answer(new String(in.array(), 0, end, ASCII));
            } else if (!in.hasRemaining()) {
                answer = response(431, "Request Header Fields Too Large", null, null, new byte[0], false);
            } else {
                return;
            }
            out = ByteBuffer.wrap(answer);
            deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RESPONSE_TIMEOUT_MILLIS);
            key.interestOps(SelectionKey.OP_WRITE);
            write(key);
        }

        void write(SelectionKey key) throws IOException {
            ((SocketChannel) key.channel()).write(out);
            if (!out.hasRemaining()) {
                close(key);
            }
        }

        /** Where the head ends (the blank line, CRLF or bare LF), or -1 while incomplete. */
        private int headEnd() {
            byte[] b = in.array();
            int filled = in.position();
            int from = scanned;
            scanned = filled;
            for (int i = from; i < filled; i++) {
                if (b[i] == '\n' && ((i >= 1 && b[i - 1] == '\n')
                        || (i >= 2 && b[i - 1] == '\r' && b[i - 2] == '\n'))) {
                    return i + 1;
                }
            }
            return -1;
        }

        private byte[] answer(String head) {
            int lineEnd = head.indexOf('\n');
            String line = head.substring(0, lineEnd).trim();
            int first = line.indexOf(' ');
            int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
            if (first <= 0 || second < 0 || !line.startsWith("HTTP/", second + 1)) {
                return response(400, "Bad Request", null, null, new byte[0], false);
            }
            String target = line.substring(first + 1, second);
            int query = target.indexOf('?');
            String path = query < 0 ? target : target.substring(0, query);
            try {
                return handler.respond(line.substring(0, first), path);
            } catch (RuntimeException e) {
                // A rendering bug costs one scrape, not the endpoint's thread.
                return response(500, "Internal Server Error", null, null, new byte[0], false);
            }
        }
    }
}
