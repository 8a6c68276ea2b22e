package dev.rebound.sample;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** How one call ended, and its output line. */
final class CallResult {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final int index;
    private final long elapsedMs;
    private final Reply reply;
    private final String errorClass;

    private CallResult(int index, long elapsedMs, Reply reply, String errorClass) {
        this.index = index;
        this.elapsedMs = elapsedMs;
        this.reply = reply;
        this.errorClass = errorClass;
    }

    static CallResult replied(int index, Reply reply, long elapsedMs) {
        return new CallResult(index, elapsedMs, reply, null);
    }

    /** Keeps only the exception's class: its message could hold URLs or query strings. */
    static CallResult failed(int index, Throwable error, long elapsedMs) {
        return new CallResult(index, elapsedMs, null, error.getClass().getName());
    }

    int index() {
        return index;
    }

    boolean isError() {
        return reply == null;
    }

    /** A 2xx or 3xx response. */
    boolean isOk() {
        return reply != null && reply.status() >= 200 && reply.status() < 400;
    }

    /**
     * {@code call=<i> status=<code> bytes=<n> sha256=<hex> ms=<elapsed>} plus {@code hdr.<Name>=<value>}
     * per shown header (empty when absent), or {@code call=<i> error=<class> ms=<elapsed>}.
     */
    String format(List<String> showHeaders) {
        StringBuilder line = new StringBuilder("call=").append(index);
        if (reply == null) {
            return line.append(" error=").append(errorClass).append(" ms=").append(elapsedMs).toString();
        }
        byte[] body = reply.body();
        line.append(" status=").append(reply.status())
                .append(" bytes=").append(body.length)
                .append(" sha256=").append(sha256Hex(body))
                .append(" ms=").append(elapsedMs);
        for (String name : showHeaders) {
            String value = reply.header(name);
            line.append(" hdr.").append(name).append('=').append(value == null ? "" : value);
        }
        return line.toString();
    }

    static String sha256Hex(byte[] data) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
        char[] hex = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hex);
    }
}
