package dev.rebound.it.apps;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Apache HttpClient built with {@code disableAutomaticRetries()} and a connection pool, as apps do that
 * want no retries of the client's own: {@code <4|5> <url>...}, one GET per URL in turn, each on a client
 * of its own, printed as the sample app prints a call. Run with the sample app's jar, which bundles both
 * versions.
 */
public final class ApacheNoRetriesApp {

    private ApacheNoRetriesApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean five = args[0].equals("5");
        for (int i = 1; i < args.length; i++) {
            try (AutoCloseable client = five ? five() : four()) {
                long start = System.nanoTime();
                try {
                    byte[] body;
                    int status;
                    if (five) {
                        var c = (org.apache.hc.client5.http.impl.classic.CloseableHttpClient) client;
                        try (var response = c.executeOpen(null,
                                new org.apache.hc.client5.http.classic.methods.HttpGet(args[i]), null)) {
                            status = response.getCode();
                            body = response.getEntity() == null ? new byte[0]
                                    : org.apache.hc.core5.http.io.entity.EntityUtils.toByteArray(response.getEntity());
                        }
                    } else {
                        var c = (org.apache.http.impl.client.CloseableHttpClient) client;
                        try (var response = c.execute(new org.apache.http.client.methods.HttpGet(args[i]))) {
                            status = response.getStatusLine().getStatusCode();
                            body = response.getEntity() == null ? new byte[0]
                                    : org.apache.http.util.EntityUtils.toByteArray(response.getEntity());
                        }
                    }
                    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
                    System.out.println("call=" + i + " status=" + status + " bytes=" + body.length + " sha256=" + sha
                            + " ms=" + millisSince(start));
                } catch (java.io.IOException e) {
                    System.out.println("call=" + i + " error=" + e.getClass().getName() + " ms=" + millisSince(start));
                }
            }
        }
        System.exit(0);
    }

    private static AutoCloseable five() {
        return org.apache.hc.client5.http.impl.classic.HttpClients.custom()
                .setConnectionManager(org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder.create().build())
                .disableAutomaticRetries()
                .build();
    }

    private static AutoCloseable four() {
        return org.apache.http.impl.client.HttpClients.custom()
                .setConnectionManager(new org.apache.http.impl.conn.PoolingHttpClientConnectionManager())
                .disableAutomaticRetries()
                .build();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
