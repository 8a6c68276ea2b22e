package dev.rebound.bench.soak;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/**
 * The soak's child app (run with the agent): {@code calls} GETs of {@code <base>/<i>} on {@code threads} threads
 * with one client, each call bounded by the client's own timeouts; a watchdog counts calls still running after
 * {@link #HUNG_MILLIS}. Prints one {@code soak ...} line with the outcomes, and descriptors, heap and threads
 * after a warm-up and at the end. Arguments: client calls threads base-url read-timeout-ms.
 */
public final class SoakApp {
    static final long HUNG_MILLIS = 30_000;

    private SoakApp() {
    }

    interface Caller {
        /** @return the status, after reading the whole body */
        int get(String url) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String client = args[0];
        int calls = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        String base = args[3];
        int readTimeout = Integer.parseInt(args[4]);
        Caller caller = caller(client, threads, readTimeout);

        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLongArray startedAt = new AtomicLongArray(threads);
        AtomicLong hung = new AtomicLong();
        String[] start = new String[1];
        int warmUp = Math.min(1000, calls / 10);
        Thread[] workers = new Thread[threads];
        for (int w = 0; w < threads; w++) {
            int slot = w;
            workers[w] = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < calls; ) {
                    if (i == warmUp) {
                        synchronized (start) {
                            start[0] = resources();
                        }
                    }
                    startedAt.set(slot, System.nanoTime());
                    String outcome;
                    try {
                        outcome = "status_" + caller.get(base + "/" + i);
                    } catch (Exception e) {
                        outcome = e.getClass().getSimpleName();
                    }
                    startedAt.set(slot, 0);
                    outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                }
            }, "soak-" + w);
            workers[w].start();
        }
        Thread watchdog = new Thread(() -> {
            long[] flagged = new long[threads];
            while (true) {
                for (int s = 0; s < threads; s++) {
                    long began = startedAt.get(s);
                    if (began != 0 && began != flagged[s] && System.nanoTime() - began > HUNG_MILLIS * 1_000_000L) {
                        flagged[s] = began;
                        hung.incrementAndGet();
                    }
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "soak-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        for (Thread w : workers) {
            w.join(HUNG_MILLIS * 4 + (long) calls * 50);
        }
        close(caller);
        Thread.sleep(500);
        System.gc();
        Map<String, Long> sorted = new TreeMap<>();
        outcomes.forEach((k, v) -> sorted.put(k, v.get()));
        StringBuilder line = new StringBuilder("soak client=").append(client).append(" hung=").append(hung.get());
        sorted.forEach((k, v) -> line.append(" outcome.").append(k).append('=').append(v));
        line.append(" start.").append(start[0] == null ? resources() : start[0].replace(" ", " start."));
        line.append(" end.").append(resources().replace(" ", " end."));
        System.out.println(line);
        System.out.flush();
        System.exit(0);
    }

    /** {@code fds=<n> heap_kib=<n> threads=<n>} of this JVM now (heap after a GC). */
    static String resources() {
        System.gc();
        long fds;
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            fds = s.count();
        } catch (IOException e) {
            fds = -1;
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
        return "fds=" + fds + " heap_kib=" + heap + " threads=" + ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static Caller caller(String client, int threads, int readTimeout) {
        switch (client) {
            case "url-connection":
                return url -> {
                    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
                    c.setConnectTimeout(2000);
                    c.setReadTimeout(readTimeout);
                    int status = c.getResponseCode();
                    InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream();
                    if (body != null) {
                        body.readAllBytes();
                        body.close();
                    }
                    return status;
                };
            case "jdk-http-client": {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                return url -> http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(readTimeout))
                        .build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode();
            }
            case "apache4":
                return Apache4.caller(threads, readTimeout);
            case "apache5":
                return Apache5.caller(threads, readTimeout);
            default:
                throw new IllegalArgumentException("client must be url-connection, jdk-http-client, apache4 or apache5");
        }
    }

    private static void close(Caller caller) {
        if (caller instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // The figures are taken either way.
            }
        }
    }

    /** Apache HttpClient 4.5, pooled, as an app builds it. */
    static final class Apache4 implements Caller, AutoCloseable {
        private final org.apache.http.impl.client.CloseableHttpClient http;

        private Apache4(org.apache.http.impl.client.CloseableHttpClient http) {
            this.http = http;
        }

        static Caller caller(int threads, int readTimeout) {
            return new Apache4(org.apache.http.impl.client.HttpClients.custom()
                    .setMaxConnTotal(threads).setMaxConnPerRoute(threads)
                    .setDefaultRequestConfig(org.apache.http.client.config.RequestConfig.custom()
                            .setConnectTimeout(2000).setSocketTimeout(readTimeout).setConnectionRequestTimeout(5000).build())
                    .build());
        }

        @Override
        public int get(String url) throws Exception {
            try (org.apache.http.client.methods.CloseableHttpResponse r =
                         http.execute(new org.apache.http.client.methods.HttpGet(url))) {
                if (r.getEntity() != null) {
                    org.apache.http.util.EntityUtils.consume(r.getEntity());
                }
                return r.getStatusLine().getStatusCode();
            }
        }

        @Override
        public void close() throws IOException {
            http.close();
        }
    }

    /** Apache HttpClient 5 classic, pooled. */
    static final class Apache5 implements Caller, AutoCloseable {
        private final org.apache.hc.client5.http.impl.classic.CloseableHttpClient http;

        private Apache5(org.apache.hc.client5.http.impl.classic.CloseableHttpClient http) {
            this.http = http;
        }

        static Caller caller(int threads, int readTimeout) {
            org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager pool =
                    org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder.create()
                            .setMaxConnTotal(threads).setMaxConnPerRoute(threads)
                            .setDefaultConnectionConfig(org.apache.hc.client5.http.config.ConnectionConfig.custom()
                                    .setConnectTimeout(org.apache.hc.core5.util.Timeout.ofSeconds(2))
                                    .setSocketTimeout(org.apache.hc.core5.util.Timeout.ofMilliseconds(readTimeout)).build())
                            .build();
            return new Apache5(org.apache.hc.client5.http.impl.classic.HttpClients.custom().setConnectionManager(pool)
                    .setDefaultRequestConfig(org.apache.hc.client5.http.config.RequestConfig.custom()
                            .setResponseTimeout(org.apache.hc.core5.util.Timeout.ofMilliseconds(readTimeout))
                            .setConnectionRequestTimeout(org.apache.hc.core5.util.Timeout.ofSeconds(5)).build())
                    .build());
        }

        @Override
        public int get(String url) throws Exception {
            return http.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(url), response -> {
                if (response.getEntity() != null) {
                    org.apache.hc.core5.http.io.entity.EntityUtils.consume(response.getEntity());
                }
                return response.getCode();
            });
        }

        @Override
        public void close() throws IOException {
            http.close();
        }
    }
}
