package dev.rebound.client.apache;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The algorithm behind {@link ApacheBridge#discard}, for every HttpClient version: an error page is read
 * to its end so that the connection can be reused; anything longer is not worth the wait, and its
 * connection is aborted instead. The version's bridge only reaches into its own response types
 * ({@link Body}).
 */
public final class ResponseDrain {
    /** Bodies up to this size are read to their end before a retry. */
    public static final int LIMIT = 64 * 1024;

    /** What the drain needs of one HttpClient version's response: implemented by that version's bridge. */
    public interface Body {
        /** The response body's stream, or null when the response has none. */
        InputStream content(Object response) throws IOException;

        /** The body's declared length, negative when it declares none. */
        long declaredLength(Object response);

        /** Puts a body that was read to its end back on the response, in memory. */
        void keep(Object response, byte[] body);

        /** Drops the connection under a body that was not read to its end, without reading the rest. */
        void abort(InputStream content) throws IOException;
    }

    private ResponseDrain() {
    }

    /**
     * Reads the body of {@code response} to its end if it is at most {@link #LIMIT} bytes long and keeps it
     * on the response, else aborts the connection; then closes the response. Never throws: a failed read
     * leaves the close to release the connection without reuse.
     *
     * @return true when the connection may go back to the pool (no body, or one read to its end): only
     *         then can the next attempt meet it dead; false when it was aborted or the read failed
     */
    public static boolean discard(Object response, Body body) {
        boolean pooled = false;
        try {
            InputStream in = body.content(response);
            if (in == null) {
                pooled = true;
            } else {
                byte[] read = body.declaredLength(response) > LIMIT ? null : readToEnd(in);
                if (read != null) {
                    in.close(); // at its end already: the connection went back to the pool
                    pooled = true;
                    body.keep(response, read);
                } else {
                    body.abort(in);
                }
            }
        } catch (Exception | LinkageError e) {
            // Reading failed (or the library lacks a method): the close below releases the connection.
        } finally {
            if (response instanceof Closeable) {
                try {
                    ((Closeable) response).close();
                } catch (Exception e) {
                    // already released or aborted
                }
            }
        }
        return pooled;
    }

    /** The whole rest of the stream, or null when it is longer than {@link #LIMIT} (the stream is then partly read). */
    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (out.size() + n > LIMIT) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
