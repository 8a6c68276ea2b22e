package dev.rebound.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw HTTP/1.x backend on 127.0.0.1 that reads each request and closes the first {@code dropFirst}
 * connections without a byte of answer, then answers {@code 200} with a fixed body. A proxy in
 * front of it turns each drop into a genuine 502. Connections are served one at a time.
 */
public final class DroppingBackend extends SerialSocketServer {

    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final int dropFirst;
    private final byte[] okBody;

    private DroppingBackend(int dropFirst, byte[] okBody) throws IOException {
        super("dropping-backend", 0);
        this.dropFirst = dropFirst;
        this.okBody = okBody.clone();
        startAccepting();
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

    /** With a non-keep-alive proxy in front, {@link #connections()} counts the requests it forwarded. */
    @Override
    void serve(Socket client, int n) throws IOException {
        client.setSoTimeout(2000);
        readRequestHead(client.getInputStream());
        if (n > dropFirst) {
            answer(client.getOutputStream());
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
}
