package dev.rebound.it.apps;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

/**
 * POSTs without an idempotency key whose connection fails, on every client. Arguments: {@code --agent} or
 * {@code --no-agent}, then scenarios {@code <client>-refused} (the port refuses until the call's first
 * attempt has failed, then a server listens on it), {@code <client>-502} (a server answers 502) and
 * {@code <client>-refused502} (refused, then a server answering 502). Client {@code huc-fixedput} is a
 * fixed-length streaming PUT. Each
 * prints {@code scenario=<name> result=<status or exception> requests=<n> intact=<n> retried=<n>}: the
 * requests the server received, how many carried the whole body, and the retries the agent counted.
 */
public final class ConnectFailureApp {
    private static final int TIMEOUT_MS = 5_000;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private ConnectFailureApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean agent = args[0].equals("--agent");
        ObjectName mbean = new ObjectName("rebound:type=Agent");
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        if (agent) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!jmx.isRegistered(mbean) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        for (int i = 1; i < args.length; i++) {
            String scenario = args[i];
            String client = scenario.substring(0, scenario.lastIndexOf('-'));
            String body = "body-of-" + scenario + "-" + "x".repeat(100);
            long retriesBefore = retries(agent, jmx, mbean);
            int port = freePort();
            List<String> bodies = new CopyOnWriteArrayList<>();
            HttpServer server = null;
            int status = scenario.endsWith("502") ? 502 : 200;
            if (!scenario.contains("-refused")) {
                server = serve(port, status, bodies);
            }
            CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> post(client, port, body));
            if (server == null) {
                // Refused until rebound has counted its retry of the first attempt (it then waits 1 s), or
                // until the call has ended (without the agent): only then does the port accept.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!call.isDone() && retries(agent, jmx, mbean) == retriesBefore && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                server = serve(port, status, bodies);
            }
            String result = call.get(30, TimeUnit.SECONDS);
            server.stop(0);
            long intact = bodies.stream().filter(body::equals).count();
            System.out.println("scenario=" + scenario + " result=" + result + " requests=" + bodies.size()
                    + " intact=" + intact + " retried=" + (retries(agent, jmx, mbean) - retriesBefore));
        }
        System.out.println("done");
    }

    private static long retries(boolean agent, MBeanServer jmx, ObjectName mbean) throws Exception {
        return agent && jmx.isRegistered(mbean) ? ((Number) jmx.getAttribute(mbean, "Retries")).longValue() : 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    private static HttpServer serve(int port, int status, List<String> bodies) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, port), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] answer = (status == 200 ? "accepted" : "bad gateway").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return server;
    }

    /** The status the app got, or the exception's class name. */
    private static String post(String client, int port, String body) {
        String url = "http://127.0.0.1:" + port + "/orders";
        try {
            return switch (client) {
                case "huc", "huc-fixed", "huc-chunked", "huc-fixedput" -> urlConnection(client, url, body);
                case "jdk" -> jdk(url, body);
                case "apache4" -> apache4(url, body);
                case "apache5" -> apache5(url, body);
                case "okhttp", "okhttp-async" -> okhttp(url, body, client.endsWith("async"));
                default -> throw new IllegalArgumentException(client);
            };
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }

    private static String urlConnection(String mode, String url, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection(Proxy.NO_PROXY);
        c.setConnectTimeout(TIMEOUT_MS);
        c.setReadTimeout(TIMEOUT_MS);
        c.setRequestMethod(mode.endsWith("put") ? "PUT" : "POST");
        c.setDoOutput(true);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (mode.startsWith("huc-fixed")) {
            c.setFixedLengthStreamingMode(bytes.length);
        } else if (mode.equals("huc-chunked")) {
            c.setChunkedStreamingMode(16);
        }
        try (OutputStream out = c.getOutputStream()) {
            out.write(bytes);
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        return Integer.toString(status);
    }

    private static String jdk(String url, String body) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(TIMEOUT_MS)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(TIMEOUT_MS))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return Integer.toString(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private static String apache4(String url, String body) throws IOException {
        RequestConfig timeouts = RequestConfig.custom().setConnectTimeout(TIMEOUT_MS).setSocketTimeout(TIMEOUT_MS).build();
        try (CloseableHttpClient client = HttpClients.custom().setDefaultRequestConfig(timeouts).build()) {
            HttpPost post = new HttpPost(url);
            post.setEntity(new org.apache.http.entity.StringEntity(body, StandardCharsets.UTF_8));
            return client.execute(post, response -> {
                org.apache.http.util.EntityUtils.consume(response.getEntity());
                return Integer.toString(response.getStatusLine().getStatusCode());
            });
        }
    }

    private static String apache5(String url, String body) throws IOException {
        ConnectionConfig timeouts = ConnectionConfig.custom().setConnectTimeout(Timeout.ofMilliseconds(TIMEOUT_MS))
                .setSocketTimeout(Timeout.ofMilliseconds(TIMEOUT_MS)).build();
        try (org.apache.hc.client5.http.impl.classic.CloseableHttpClient client =
                     org.apache.hc.client5.http.impl.classic.HttpClients.custom()
                             .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                                     .setDefaultConnectionConfig(timeouts).build())
                             .build()) {
            org.apache.hc.client5.http.classic.methods.HttpPost post =
                    new org.apache.hc.client5.http.classic.methods.HttpPost(url);
            post.setEntity(new org.apache.hc.core5.http.io.entity.StringEntity(body, StandardCharsets.UTF_8));
            return client.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return Integer.toString(response.getCode());
            });
        }
    }

    private static String okhttp(String url, String body, boolean async) throws Exception {
        okhttp3.OkHttpClient client = new okhttp3.OkHttpClient.Builder()
                .connectTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).readTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).build();
        okhttp3.Call call = client.newCall(new okhttp3.Request.Builder().url(url)
                .post(okhttp3.RequestBody.create(okhttp3.MediaType.parse("text/plain"), body)).build());
        try {
            return okhttpCall(call, async);
        } finally {
            // OkHttp's dispatcher threads are not daemons: left idle, they keep the JVM from exiting for 60 s.
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static String okhttpCall(okhttp3.Call call, boolean async) throws Exception {
        if (!async) {
            try (okhttp3.Response response = call.execute()) {
                return Integer.toString(response.code());
            }
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        call.enqueue(new okhttp3.Callback() {
            @Override
            public void onFailure(okhttp3.Call c, IOException e) {
                result.completeExceptionally(e);
            }

            @Override
            public void onResponse(okhttp3.Call c, okhttp3.Response response) {
                response.close();
                result.complete(Integer.toString(response.code()));
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
