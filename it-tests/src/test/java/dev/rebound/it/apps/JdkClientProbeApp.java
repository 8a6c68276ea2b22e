package dev.rebound.it.apps;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Test app for the JDK {@code HttpClient} scenarios the sample app cannot express. The first argument
 * picks one; call results are printed as sample-app call lines ({@code call=<i> status=...} or
 * {@code call=<i> error=...}), facts as {@code key=value} lines.
 * <pre>
 *   concurrent &lt;n&gt; &lt;executorThreads&gt; &lt;warmUrl&gt; &lt;urlPrefix&gt; app-retries|plain &lt;sampleAtMs&gt;
 *                                     n sendAsync at once to urlPrefix-0..n-1 (with app-retries, the app itself
 *                                     re-sends a 502 once, the async way); thread counts before, at the peak
 *                                     and sampleAtMs after the burst began (0: no sample)
 *   stop &lt;warmUrl&gt; &lt;cancelUrl&gt; &lt;interruptUrl&gt; &lt;controlUrl&gt;
 *                                     after one warm-up send, at once: sendAsync to cancelUrl and send on a thread
 *                                     to interruptUrl; once both first answers are in (see below), cancel the
 *                                     one's future and interrupt the other's thread, then sendAsync to controlUrl
 *                                     and wait for its end: its retry, due after theirs with the same Retry-After,
 *                                     runs on the same delay thread after theirs would have
 *   close &lt;url&gt;                       sendAsync to url; once its first answer is in, close() the client (Java 21+),
 *                                     then wait for the call's end
 *   shutdown &lt;warmUrl&gt; &lt;n&gt; &lt;urlPrefix&gt;
 *                                     after one warm-up send, n sendAsync at once to urlPrefix-0..n-1 on a client
 *                                     built with the app's own executor; once every first answer is in, the app
 *                                     shuts that executor down, then waits for every call's end
 *
 * "First answers in": without the agent, the calls are done; with it, its JMX counters show that many
 * retry candidates judged (retried, each call then waiting for its retry, or not).
 *   stream &lt;k&gt; &lt;urlPrefix&gt; &lt;m&gt; &lt;url&gt;  k ofInputStream calls to urlPrefix-0..k-1, then m more to url
 *   push &lt;url&gt;                        the sendAsync overload with a PushPromiseHandler
 *   version &lt;url&gt;...                   send (HTTP/2 preferred, the client's default); prints each version
 *   sequential &lt;version&gt; &lt;n&gt; &lt;url&gt;     n sends one after the other on one client speaking HTTP_1_1 or HTTP_2
 * </pre>
 */
public final class JdkClientProbeApp {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private JdkClientProbeApp() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "concurrent" -> concurrent(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3], args[4],
                    args[5].equals("app-retries"), Long.parseLong(args[6]));
            case "stop" -> stop(args[1], args[2], args[3], args[4]);
            case "close" -> close(args[1]);
            case "shutdown" -> shutdown(args[1], Integer.parseInt(args[2]), args[3]);
            case "stream" -> stream(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), args[4]);
            case "push" -> push(args[1]);
            case "version" -> versions(List.of(args).subList(1, args.length));
            case "sequential" -> sequential(HttpClient.Version.valueOf(args[1]), Integer.parseInt(args[2]), args[3]);
            default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
        System.exit(0);
    }

    private static void concurrent(int n, int executorThreads, String warmUrl, String prefix, boolean appRetries,
                                   long sampleAtMs) throws Exception {
        ExecutorService executor = executorThreads > 0 ? Executors.newFixedThreadPool(executorThreads) : null;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        HttpClient client = (executor == null ? builder : builder.executor(executor)).build();
        // Warm up: the client's selector thread, the JDK's and the agent's classes, one retry.
        client.send(get(warmUrl), HttpResponse.BodyHandlers.ofString());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int before = threads.getThreadCount();
        System.out.println("thread-groups-before " + ThreadSampler.now());
        threads.resetPeakThreadCount();
        ThreadSampler sampler = ThreadSampler.start();
        long start = System.nanoTime();
        Thread snapshot = new Thread(() -> {
            try {
                Thread.sleep(sampleAtMs);
                System.out.println("thread-groups-waiting " + ThreadSampler.now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "thread-snapshot");
        snapshot.setDaemon(true);
        if (sampleAtMs > 0) {
            snapshot.start();
        }
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpRequest request = get(prefix + "-" + i);
            CompletableFuture<HttpResponse<String>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            if (appRetries) {
                future = future.thenCompose(r -> r.statusCode() != 502 ? CompletableFuture.completedFuture(r)
                        : client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            futures.add(future);
        }
        int ok = 0;
        for (int i = 0; i < n; i++) {
            HttpResponse<String> response = futures.get(i).get(30, TimeUnit.SECONDS);
            ok += response.statusCode() == 200 ? 1 : 0;
        }
        if (sampleAtMs > 0) {
            snapshot.join();
        }
        System.out.println("ok=" + ok);
        System.out.println("threads-before=" + before);
        System.out.println("threads-peak=" + threads.getPeakThreadCount());
        System.out.println("threads-after=" + threads.getThreadCount());
        System.out.println("ms=" + (System.nanoTime() - start) / 1_000_000);
        System.out.println("thread-groups-peak " + sampler.stop());
        if (executor != null) {
            executor.shutdown();
        }
    }

    private static void stop(String warmUrl, String cancelUrl, String interruptUrl, String controlUrl) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        client.send(get(warmUrl), HttpResponse.BodyHandlers.discarding());
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(get(cancelUrl), HttpResponse.BodyHandlers.ofString());
        Thread caller = new Thread(() -> {
            long start = System.nanoTime();
            try {
                print(1, client.send(get(interruptUrl), HttpResponse.BodyHandlers.ofString()), start);
            } catch (Exception e) {
                System.out.println("call=1 error=" + e.getClass().getName() + " ms=" + millisSince(start));
            }
        });
        caller.start();
        awaitFirstAnswers(2, () -> future.isDone() && !caller.isAlive());
        boolean done = future.isDone();
        System.out.println("done-before-cancel=" + done);
        System.out.println("cancel-returned=" + future.cancel(true));
        System.out.println("cancelled=" + future.isCancelled());
        caller.interrupt();
        caller.join(5_000);
        HttpResponse<String> control = client.sendAsync(get(controlUrl), HttpResponse.BodyHandlers.ofString())
                .get(10, TimeUnit.SECONDS);
        System.out.println("control-status=" + control.statusCode());
    }

    /** HttpClient.close() is Java 21 API: this app is compiled for 17, so it is called by name. */
    private static void close(String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(get(url), HttpResponse.BodyHandlers.ofString());
        awaitFirstAnswers(1, future::isDone);
        HttpClient.class.getMethod("close").invoke(client);
        try {
            print(1, future.get(10, TimeUnit.SECONDS), start);
        } catch (java.util.concurrent.ExecutionException e) {
            System.out.println("call=1 error=" + e.getCause().getClass().getName() + " ms=" + millisSince(start));
        }
    }

    private static void shutdown(String warmUrl, int n, String prefix) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
        client.send(get(warmUrl), HttpResponse.BodyHandlers.discarding());
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(client.sendAsync(get(prefix + "-" + i), HttpResponse.BodyHandlers.ofString()));
        }
        awaitFirstAnswers(n, () -> futures.stream().allMatch(CompletableFuture::isDone));
        executor.shutdown();
        for (int i = 0; i < n; i++) {
            try {
                print(i + 1, futures.get(i).get(10, TimeUnit.SECONDS), start);
            } catch (java.util.concurrent.ExecutionException e) {
                System.out.println("call=" + (i + 1) + " error=" + e.getCause().getClass().getName() + " ms=" + millisSince(start));
            }
        }
    }

    private static void stream(int k, String prefix, int m, String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int index = 0;
        for (int i = 0; i < k; i++) {
            index++;
            long start = System.nanoTime();
            try {
                // The stream's body is read by the app only for the final attempt; closing it returns the connection.
                HttpResponse<InputStream> r = i % 2 == 0
                        ? client.send(get(prefix + "-" + i), HttpResponse.BodyHandlers.ofInputStream())
                        : client.sendAsync(get(prefix + "-" + i), HttpResponse.BodyHandlers.ofInputStream()).get();
                try (InputStream in = r.body()) {
                    printBody(index, r.statusCode(), in.readAllBytes(), start);
                }
            } catch (Exception e) {
                System.out.println("call=" + index + " error=" + e.getClass().getName() + " ms=" + millisSince(start));
            }
        }
        for (int i = 0; i < m; i++) {
            index++;
            long start = System.nanoTime();
            try {
                HttpResponse<InputStream> r = client.send(get(url), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = r.body()) {
                    printBody(index, r.statusCode(), in.readAllBytes(), start);
                }
            } catch (Exception e) {
                System.out.println("call=" + index + " error=" + e.getClass().getName() + " ms=" + millisSince(start));
            }
        }
    }

    private static void push(String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse.PushPromiseHandler<String> pushes = (initiating, pushed, acceptor) ->
                System.out.println("push-promise=" + pushed.uri());
        long start = System.nanoTime();
        print(1, client.sendAsync(get(url), HttpResponse.BodyHandlers.ofString(), pushes).get(), start);
    }

    private static void versions(List<String> urls) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < urls.size(); i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = client.send(get(urls.get(i)), HttpResponse.BodyHandlers.ofString());
            print(i + 1, r, start);
            System.out.println("version=" + r.version());
        }
    }

    private static void sequential(HttpClient.Version version, int n, String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(version).build();
        for (int i = 1; i <= n; i++) {
            long start = System.nanoTime();
            try {
                print(i, client.send(get(url), HttpResponse.BodyHandlers.ofString()), start);
            } catch (Exception e) {
                System.out.println("call=" + i + " error=" + e.getClass().getName() + " ms=" + millisSince(start));
            }
        }
    }

    /**
     * Returns once the calls' first answers are in: when {@code doneWithoutAgent} holds (no agent holds the
     * calls back), or when the agent's own counters show {@code candidates} retry candidates judged since
     * start-up (retried, or skipped). Prints {@code first-answers=timeout} after 10 s instead.
     */
    private static void awaitFirstAnswers(long candidates, BooleanSupplier doneWithoutAgent) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("rebound:type=Agent");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!doneWithoutAgent.getAsBoolean() && !(server.isRegistered(agent)
                && (Long) server.getAttribute(agent, "Retries") + (Long) server.getAttribute(agent, "RetriesSkipped")
                >= candidates)) {
            if (System.nanoTime() > deadline) {
                System.out.println("first-answers=timeout");
                return;
            }
            Thread.sleep(10);
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build();
    }

    private static void print(int index, HttpResponse<String> r, long start) throws Exception {
        printBody(index, r.statusCode(), r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), start);
    }

    private static void printBody(int index, int status, byte[] body, long start) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        System.out.println("call=" + index + " status=" + status + " bytes=" + body.length + " sha256=" + sha
                + " ms=" + millisSince(start));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
