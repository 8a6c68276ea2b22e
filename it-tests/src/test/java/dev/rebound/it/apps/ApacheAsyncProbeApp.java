package dev.rebound.it.apps;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test app for the Apache async clients: HttpAsyncClient 4.1 ({@code 4}) and HttpClient 5's async API
 * ({@code 5}). The first argument picks the client, the second the scenario. Each call prints one line
 * {@code call=<i> status=<s> body=<sha256 prefix> len=<n> callbacks=<c/f/x>} or
 * {@code call=<i> error=<exception class> callbacks=<c/f/x>} (the app callback's completed, failed and
 * cancelled counts); facts print as {@code key=value}.
 * <pre>
 *   get &lt;url&gt;...                    one execute with a FutureCallback per url, one after the other
 *   post &lt;url&gt; repeatable|once       a POST with an Idempotency-Key and a 64 KiB body, repeatable or not
 *   concurrent &lt;n&gt; &lt;urlPrefix&gt;      n calls at once to urlPrefix-0..n-1 on a pool of 2 connections;
 *                                  thread counts before, at the peak (sampled) and after
 *   cancel &lt;url&gt;                    execute; 800 ms later cancel the future; then wait 2.5 s
 *   stream &lt;url&gt;                    a consumer of the app's that hashes the body as it streams in
 * </pre>
 * Clients {@code 4min} and {@code 5min} are the libraries' {@code createMinimal()} clients. Client {@code 5h2} is HttpClient 5's HTTP/2-only client ({@code customHttp2()}: h2c with prior
 * knowledge on http, h2 by ALPN on https), trusting the JVM's trust store settings; it runs {@code get}.
 */
public final class ApacheAsyncProbeApp {
    private static final int BODY = 64 * 1024;

    private ApacheAsyncProbeApp() {
    }

    /** The app's callback: counts what it hears. */
    static final class Counts {
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();
        final CountDownLatch done = new CountDownLatch(1);

        String text() {
            return completed.get() + "/" + failed.get() + "/" + cancelled.get();
        }
    }

    /** One client version, as the scenarios drive it. */
    interface Client extends AutoCloseable {
        /** Starts a call; the result is "status body-bytes". */
        Future<?> get(String url, Counts counts);

        Future<?> post(String url, byte[] body, boolean repeatable, Counts counts);

        Future<?> stream(String url, Counts counts);

        /** status and body of a completed future's result. */
        int status(Object result);

        byte[] body(Object result);

        /** The protocol version of the response, when the scenario asks for it; else null. */
        default String version(Object result) {
            return null;
        }
    }

    public static void main(String[] args) throws Exception {
        String version = args[0];
        String scenario = args[1];
        int pool = scenario.equals("concurrent") ? 2 : 20;
        try (Client client = version.equals("4") ? new Client4(pool)
                : version.equals("4min") ? new Client4(minimal4())
                : version.equals("5min") ? new Client5(minimal5())
                : version.equals("5h2") ? new Client5H2() : new Client5(pool)) {
            switch (scenario) {
                case "get" -> {
                    for (int i = 2; i < args.length; i++) {
                        Counts counts = new Counts();
                        report(i - 2, client, client.get(args[i], counts), counts);
                    }
                }
                case "post" -> {
                    byte[] body = new byte[BODY];
                    for (int i = 0; i < body.length; i++) {
                        body[i] = (byte) (i * 31 + 7);
                    }
                    Counts counts = new Counts();
                    report(0, client, client.post(args[2], body, args[3].equals("repeatable"), counts), counts);
                    System.out.println("sent-sha=" + sha(body));
                }
                case "concurrent" -> concurrent(client, Integer.parseInt(args[2]), args[3]);
                case "cancel" -> {
                    Counts counts = new Counts();
                    Future<?> f = client.get(args[2], counts);
                    Thread.sleep(800);
                    System.out.println("done-before-cancel=" + f.isDone());
                    System.out.println("cancel-returned=" + f.cancel(true));
                    Thread.sleep(2500);
                    System.out.println("cancelled=" + f.isCancelled());
                    System.out.println("callbacks=" + counts.text());
                }
                case "stream" -> {
                    Counts counts = new Counts();
                    Future<?> f = client.stream(args[2], counts);
                    try {
                        System.out.println("call=0 digest=" + f.get(20, TimeUnit.SECONDS) + " callbacks=" + settle(counts));
                    } catch (ExecutionException e) {
                        System.out.println("call=0 error=" + e.getCause().getClass().getName() + " callbacks=" + settle(counts));
                    }
                }
                default -> throw new IllegalArgumentException(scenario);
            }
        }
        System.out.println("done");
    }

    private static String settle(Counts counts) throws InterruptedException {
        counts.done.await(5, TimeUnit.SECONDS);
        Thread.sleep(100); // a second signal would come now
        return counts.text();
    }

    private static void report(int i, Client client, Future<?> f, Counts counts) throws Exception {
        try {
            Object result = f.get(20, TimeUnit.SECONDS);
            byte[] body = client.body(result);
            System.out.println("call=" + i + " status=" + client.status(result) + " body=" + sha(body) + " len="
                    + body.length + " callbacks=" + settle(counts));
            if (client.version(result) != null) {
                System.out.println("version-" + i + "=" + client.version(result));
            }
        } catch (ExecutionException e) {
            System.out.println("call=" + i + " error=" + e.getCause().getClass().getName() + " callbacks=" + settle(counts));
        }
    }

    private static void concurrent(Client client, int n, String prefix) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("threads-before=" + threads.getThreadCount());
        AtomicInteger peak = new AtomicInteger(threads.getThreadCount());
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(threads.getThreadCount(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        List<Future<?>> futures = new ArrayList<>();
        List<Counts> counts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Counts c = new Counts();
            counts.add(c);
            futures.add(client.get(prefix + "-" + i, c));
        }
        int ok = 0;
        int callbacks = 0;
        for (int i = 0; i < n; i++) {
            try {
                if (client.status(futures.get(i).get(60, TimeUnit.SECONDS)) == 200) {
                    ok++;
                }
            } catch (ExecutionException e) {
                System.out.println("call=" + i + " error=" + e.getCause());
            }
            counts.get(i).done.await(5, TimeUnit.SECONDS);
        }
        Thread.sleep(100);
        for (Counts c : counts) {
            callbacks += c.completed.get() + c.failed.get() + c.cancelled.get();
        }
        sampler.interrupt();
        sampler.join();
        System.out.println("ok=" + ok);
        System.out.println("callbacks=" + callbacks);
        // The sampler thread itself is one of the peak's.
        System.out.println("threads-peak=" + (peak.get() - 1));
        System.out.println("threads-after=" + threads.getThreadCount());
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            names.add(t.getName().replaceAll("\\d+", "N"));
        }
        System.out.println("thread-names=" + String.join(",", new java.util.TreeSet<>(names)).replace(' ', '_'));
    }

    public static String sha(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HttpAsyncClient 4.1's {@code createMinimal()}, started. */
    static org.apache.http.impl.nio.client.CloseableHttpAsyncClient minimal4() {
        org.apache.http.impl.nio.client.CloseableHttpAsyncClient client =
                org.apache.http.impl.nio.client.HttpAsyncClients.createMinimal();
        client.start();
        return client;
    }

    /** HttpClient 5's {@code createMinimal()}, started. */
    static org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient minimal5() {
        org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient client =
                org.apache.hc.client5.http.impl.async.HttpAsyncClients.createMinimal();
        client.start();
        return client;
    }

    /** HttpAsyncClient 4.1. */
    static final class Client4 implements Client {
        private final org.apache.http.impl.nio.client.CloseableHttpAsyncClient client;

        Client4(int pool) {
            org.apache.http.client.config.RequestConfig config = org.apache.http.client.config.RequestConfig.custom()
                    .setConnectTimeout(3000).setSocketTimeout(5000).build();
            client = org.apache.http.impl.nio.client.HttpAsyncClients.custom().setDefaultRequestConfig(config)
                    .setMaxConnTotal(pool).setMaxConnPerRoute(pool).build();
            client.start();
        }

        Client4(org.apache.http.impl.nio.client.CloseableHttpAsyncClient client) {
            this.client = client;
        }

        private static <T> org.apache.http.concurrent.FutureCallback<T> callback(Counts counts) {
            return new org.apache.http.concurrent.FutureCallback<T>() {
                @Override
                public void completed(T result) {
                    counts.completed.incrementAndGet();
                    counts.done.countDown();
                }

                @Override
                public void failed(Exception ex) {
                    counts.failed.incrementAndGet();
                    counts.done.countDown();
                }

                @Override
                public void cancelled() {
                    counts.cancelled.incrementAndGet();
                    counts.done.countDown();
                }
            };
        }

        @Override
        public Future<?> get(String url, Counts counts) {
            return client.execute(new org.apache.http.client.methods.HttpGet(url), callback(counts));
        }

        @Override
        public Future<?> post(String url, byte[] body, boolean repeatable, Counts counts) {
            org.apache.http.client.methods.HttpPost post = new org.apache.http.client.methods.HttpPost(url);
            post.setHeader("Idempotency-Key", "k-" + url.hashCode());
            post.setEntity(repeatable ? new org.apache.http.entity.ByteArrayEntity(body)
                    : new org.apache.http.entity.InputStreamEntity(new ByteArrayInputStream(body), body.length));
            return client.execute(post, callback(counts));
        }

        @Override
        public Future<?> stream(String url, Counts counts) {
            org.apache.http.nio.protocol.HttpAsyncResponseConsumer<String> consumer =
                    new org.apache.http.nio.client.methods.AsyncByteConsumer<String>() {
                        private final MessageDigest digest = sha256();
                        private long length;
                        private int status;

                        @Override
                        protected void onByteReceived(ByteBuffer buf, org.apache.http.nio.IOControl ioctrl) {
                            length += buf.remaining();
                            digest.update(buf);
                        }

                        @Override
                        protected void onResponseReceived(org.apache.http.HttpResponse response) {
                            status = response.getStatusLine().getStatusCode();
                        }

                        @Override
                        protected String buildResult(org.apache.http.protocol.HttpContext context) {
                            return status + ":" + length + ":" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
                        }
                    };
            return client.execute(org.apache.http.nio.client.methods.HttpAsyncMethods.createGet(url), consumer,
                    callback(counts));
        }

        @Override
        public int status(Object result) {
            return ((org.apache.http.HttpResponse) result).getStatusLine().getStatusCode();
        }

        @Override
        public byte[] body(Object result) {
            try {
                org.apache.http.HttpEntity entity = ((org.apache.http.HttpResponse) result).getEntity();
                return entity == null ? new byte[0] : org.apache.http.util.EntityUtils.toByteArray(entity);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            client.close();
        }
    }

    /** HttpClient 5's async API. */
    static final class Client5 implements Client {
        private final org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient client;

        Client5(int pool) {
            org.apache.hc.client5.http.config.RequestConfig config = org.apache.hc.client5.http.config.RequestConfig.custom()
                    .setResponseTimeout(5, TimeUnit.SECONDS).build();
            org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager cm =
                    org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder.create()
                            .setMaxConnTotal(pool).setMaxConnPerRoute(pool).build();
            client = org.apache.hc.client5.http.impl.async.HttpAsyncClients.custom().setDefaultRequestConfig(config)
                    .setConnectionManager(cm).build();
            client.start();
        }

        Client5(org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient client) {
            this.client = client;
        }

        private static <T> org.apache.hc.core5.concurrent.FutureCallback<T> callback(Counts counts) {
            return new org.apache.hc.core5.concurrent.FutureCallback<T>() {
                @Override
                public void completed(T result) {
                    counts.completed.incrementAndGet();
                    counts.done.countDown();
                }

                @Override
                public void failed(Exception ex) {
                    counts.failed.incrementAndGet();
                    counts.done.countDown();
                }

                @Override
                public void cancelled() {
                    counts.cancelled.incrementAndGet();
                    counts.done.countDown();
                }
            };
        }

        @Override
        public Future<?> get(String url, Counts counts) {
            return client.execute(org.apache.hc.client5.http.async.methods.SimpleRequestBuilder.get(url).build(),
                    callback(counts));
        }

        @Override
        public Future<?> post(String url, byte[] body, boolean repeatable, Counts counts) {
            org.apache.hc.core5.http.nio.AsyncEntityProducer entity =
                    new org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer(body,
                            org.apache.hc.core5.http.ContentType.APPLICATION_OCTET_STREAM);
            if (!repeatable) {
                entity = new Once(entity);
            }
            org.apache.hc.core5.http.nio.AsyncRequestProducer producer = org.apache.hc.core5.http.nio.support.AsyncRequestBuilder
                    .post(URI.create(url)).addHeader("Idempotency-Key", "k-" + url.hashCode()).setEntity(entity).build();
            return client.execute(producer, org.apache.hc.client5.http.async.methods.SimpleResponseConsumer.create(),
                    callback(counts));
        }

        @Override
        public Future<?> stream(String url, Counts counts) {
            org.apache.hc.core5.http.nio.AsyncResponseConsumer<String> consumer =
                    new org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer<String>() {
                        private final MessageDigest digest = sha256();
                        private long length;
                        private int status;

                        @Override
                        protected void start(org.apache.hc.core5.http.HttpResponse response,
                                             org.apache.hc.core5.http.ContentType contentType) {
                            status = response.getCode();
                        }

                        @Override
                        protected String buildResult() {
                            return status + ":" + length + ":" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
                        }

                        @Override
                        protected int capacityIncrement() {
                            return 65536;
                        }

                        @Override
                        protected void data(ByteBuffer src, boolean endOfStream) {
                            length += src.remaining();
                            digest.update(src);
                        }

                        @Override
                        public void releaseResources() {
                        }
                    };
            return client.execute(org.apache.hc.core5.http.nio.support.AsyncRequestBuilder.get(url).build(), consumer,
                    callback(counts));
        }

        @Override
        public int status(Object result) {
            return ((org.apache.hc.client5.http.async.methods.SimpleHttpResponse) result).getCode();
        }

        @Override
        public byte[] body(Object result) {
            byte[] body = ((org.apache.hc.client5.http.async.methods.SimpleHttpResponse) result).getBodyBytes();
            return body == null ? new byte[0] : body;
        }

        @Override
        public void close() throws IOException {
            client.close();
        }
    }

    /** HttpClient 5's HTTP/2-only client. */
    static final class Client5H2 implements Client {
        private final org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient client;
        private final Client5 calls;

        Client5H2() {
            client = org.apache.hc.client5.http.impl.async.HttpAsyncClients.customHttp2().useSystemProperties()
                    .setDefaultRequestConfig(org.apache.hc.client5.http.config.RequestConfig.custom()
                            .setResponseTimeout(5, TimeUnit.SECONDS).build())
                    .build();
            client.start();
            calls = new Client5(client);
        }

        @Override
        public Future<?> get(String url, Counts counts) {
            return calls.get(url, counts);
        }

        @Override
        public Future<?> post(String url, byte[] body, boolean repeatable, Counts counts) {
            return calls.post(url, body, repeatable, counts);
        }

        @Override
        public Future<?> stream(String url, Counts counts) {
            return calls.stream(url, counts);
        }

        @Override
        public int status(Object result) {
            return calls.status(result);
        }

        @Override
        public byte[] body(Object result) {
            return calls.body(result);
        }

        @Override
        public String version(Object result) {
            return ((org.apache.hc.client5.http.async.methods.SimpleHttpResponse) result).getVersion().toString();
        }

        @Override
        public void close() throws IOException {
            client.close();
        }
    }

    /** A body producer that says it cannot be sent twice (a stream's, say). */
    static final class Once implements org.apache.hc.core5.http.nio.AsyncEntityProducer {
        private final org.apache.hc.core5.http.nio.AsyncEntityProducer delegate;

        Once(org.apache.hc.core5.http.nio.AsyncEntityProducer delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }

        @Override
        public void failed(Exception cause) {
            delegate.failed(cause);
        }

        @Override
        public long getContentLength() {
            return delegate.getContentLength();
        }

        @Override
        public String getContentType() {
            return delegate.getContentType();
        }

        @Override
        public String getContentEncoding() {
            return delegate.getContentEncoding();
        }

        @Override
        public boolean isChunked() {
            return delegate.isChunked();
        }

        @Override
        public Set<String> getTrailerNames() {
            return delegate.getTrailerNames();
        }

        @Override
        public int available() {
            return delegate.available();
        }

        @Override
        public void produce(org.apache.hc.core5.http.nio.DataStreamChannel channel) throws IOException {
            delegate.produce(channel);
        }

        @Override
        public void releaseResources() {
            delegate.releaseResources();
        }
    }
}
