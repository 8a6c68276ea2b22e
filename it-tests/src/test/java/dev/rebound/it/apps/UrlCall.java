package dev.rebound.it.apps;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One plain HttpURLConnection GET, printed as the sample app prints a call. */
final class UrlCall {

    private UrlCall() {
    }

    static String get(int index, String url, int timeoutMs) {
        long start = System.nanoTime();
        try {
            HttpURLConnection conn = (HttpURLConnection) new URL(url).openConnection(Proxy.NO_PROXY);
            conn.setConnectTimeout(timeoutMs);
            conn.setReadTimeout(timeoutMs);
            int status = conn.getResponseCode();
            byte[] body;
            try (InputStream in = status >= 400 ? conn.getErrorStream() : conn.getInputStream()) {
                body = in == null ? new byte[0] : in.readAllBytes();
            }
            return "call=" + index + " status=" + status + " bytes=" + body.length + " sha256=" + sha256(body)
                    + " ms=" + millisSince(start);
        } catch (IOException e) {
            return "call=" + index + " error=" + e.getClass().getName() + " ms=" + millisSince(start);
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
