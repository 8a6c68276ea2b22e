package dev.rebound.client.apache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bounded read behind {@link ApacheBridge#discard}: an error page is read to its end so that the
 * connection can be reused; anything longer is not worth the wait, and its connection is aborted instead.
 */
public final class ResponseDrain {
    /** Bodies up to this size are read to their end before a retry. */
    public static final int LIMIT = 64 * 1024;

    private ResponseDrain() {
    }

    /** The whole rest of the stream, or null when it is longer than {@link #LIMIT} (the stream is then partly read). */
    public static byte[] readToEnd(InputStream in) throws IOException {
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

    /** A declared length that already rules out reading the body. */
    public static boolean tooLong(long contentLength) {
        return contentLength > LIMIT;
    }
}
