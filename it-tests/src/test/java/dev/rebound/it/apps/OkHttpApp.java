package dev.rebound.it.apps;

import feign.Feign;
import feign.RequestLine;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import retrofit2.Retrofit;
import retrofit2.http.GET;
import retrofit2.http.Url;

/**
 * OkHttp situations the sample app cannot set up, one per run: {@code <scenario> <base-url> [args]}. Prints
 * {@code result ...} lines for the test to read. Compiled against OkHttp 3.14's API, which 4.x and 5.x keep
 * with the same JVM signatures, so that one class runs on each release's jars.
 * <ul>
 * <li>{@code pool-sync|pool-async <base> <n>}: a pool of one idle connection and one request per host at a
 *     time; {@code n} calls in turn to {@code <base>/fail-once/<i>} (a {@code OneConnectionServer}: a 502
 *     then 200s, one connection at a time, so a leaked connection stalls every later call).</li>
 * <li>{@code cancel-sync|cancel-async <url> <after-ms>}: one GET, cancelled by another thread after
 *     {@code after-ms} (while rebound waits its backoff).</li>
 * <li>{@code dispatcher <slow-url> <fast-url>}: a dispatcher that runs ONE request at a time; a warm-up call
 *     to {@code fast-url}, a call to {@code slow-url} (a 502 first, so rebound backs off), then after 300 ms
 *     another call to {@code fast-url}.</li>
 * <li>{@code oneshot <url>}: a POST with an Idempotency-Key and a one-shot body.</li>
 * <li>{@code retrofit-sync|retrofit-async|feign <url>}: one GET through Retrofit or Feign's OkHttp client.</li>
 * </ul>
 */
public final class OkHttpApp {
    private OkHttpApp() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        switch (scenario) {
            case "pool-sync", "pool-async" -> pool(args[1], Integer.parseInt(args[2]), scenario.endsWith("async"));
            case "cancel-sync", "cancel-async" -> cancel(args[1], Long.parseLong(args[2]), scenario.endsWith("async"));
            case "dispatcher" -> dispatcher(args[1], args[2]);
            case "oneshot" -> oneShot(args[1]);
            case "retrofit-sync", "retrofit-async" -> retrofit(args[1], scenario.endsWith("async"));
            case "feign" -> feign(args[1]);
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        System.out.println("done");
        System.exit(0);
    }

    private static OkHttpClient client(Dispatcher dispatcher) {
        return new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(1, 1, TimeUnit.MINUTES))
                .dispatcher(dispatcher)
                .connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(2, TimeUnit.SECONDS)
                .build();
    }

    private static Dispatcher dispatcher(int maxRequests) {
        Dispatcher d = new Dispatcher();
        d.setMaxRequests(maxRequests);
        d.setMaxRequestsPerHost(maxRequests);
        return d;
    }

    private static void pool(String base, int n, boolean async) throws Exception {
        OkHttpClient client = client(dispatcher(1));
        int ok = 0;
        for (int i = 0; i < n; i++) {
            Call call = client.newCall(new Request.Builder().url(base + "/fail-once/" + i).build());
            String outcome = async ? enqueueAndWait(call, 10_000) : execute(call);
            if (outcome.startsWith("status=200")) {
                ok++;
            } else {
                System.out.println("result call=" + i + " " + outcome);
            }
        }
        System.out.println("result ok=" + ok + " of=" + n + " idle=" + client.connectionPool().idleConnectionCount());
    }

    private static void cancel(String url, long afterMs, boolean async) throws Exception {
        OkHttpClient client = client(new Dispatcher());
        Call call = client.newCall(new Request.Builder().url(url).build());
        long start = System.nanoTime();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(afterMs);
            } catch (InterruptedException e) {
                return;
            }
            call.cancel();
        });
        canceller.start();
        String outcome = async ? enqueueAndWait(call, 20_000) : execute(call);
        System.out.println("result " + outcome + " ms=" + (System.nanoTime() - start) / 1_000_000);
        Thread.sleep(1_500); // long enough for a re-send to reach the server if one were still coming
    }

    private static void dispatcher(String slowUrl, String fastUrl) throws Exception {
        OkHttpClient client = client(dispatcher(1));
        // Warm-up, so that the first call's own attempt is short: the measure is the backoff.
        System.out.println("warm-up " + enqueueAndWait(client.newCall(new Request.Builder().url(fastUrl).build()), 10_000));
        long start = System.nanoTime();
        CompletableFuture<Long> slow = new CompletableFuture<>();
        CompletableFuture<Long> fast = new CompletableFuture<>();
        client.newCall(new Request.Builder().url(slowUrl).build()).enqueue(timed(slow, start));
        Thread.sleep(300);
        client.newCall(new Request.Builder().url(fastUrl).build()).enqueue(timed(fast, start));
        long fastMs = fast.get(20, TimeUnit.SECONDS);
        long slowMs = slow.get(20, TimeUnit.SECONDS);
        System.out.println("result slow-ms=" + slowMs + " fast-ms=" + fastMs);
    }

    private static Callback timed(CompletableFuture<Long> done, long start) {
        return new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                done.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                response.close();
                done.complete((System.nanoTime() - start) / 1_000_000);
            }
        };
    }

    private static void oneShot(String url) throws Exception {
        OkHttpClient client = client(new Dispatcher());
        RequestBody body = new RequestBody() {
            @Override
            public MediaType contentType() {
                return MediaType.parse("text/plain");
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.writeUtf8("written once");
            }
        };
        Call call = client.newCall(new Request.Builder().url(url).header("Idempotency-Key", "k-1").post(body).build());
        System.out.println("result " + execute(call));
    }

    interface RetrofitApi {
        @GET
        retrofit2.Call<ResponseBody> get(@Url String url);
    }

    private static void retrofit(String url, boolean async) throws Exception {
        RetrofitApi api = new Retrofit.Builder().baseUrl(url.substring(0, url.indexOf('/', 8) + 1))
                .client(client(new Dispatcher())).build().create(RetrofitApi.class);
        retrofit2.Call<ResponseBody> call = api.get(url);
        if (!async) {
            retrofit2.Response<ResponseBody> r = call.execute();
            System.out.println("result status=" + r.code() + " body=" + body(r));
            return;
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        call.enqueue(new retrofit2.Callback<ResponseBody>() {
            @Override
            public void onResponse(retrofit2.Call<ResponseBody> c, retrofit2.Response<ResponseBody> r) {
                try {
                    result.complete("status=" + r.code() + " body=" + body(r));
                } catch (IOException e) {
                    result.completeExceptionally(e);
                }
            }

            @Override
            public void onFailure(retrofit2.Call<ResponseBody> c, Throwable t) {
                result.complete("error=" + t.getClass().getName());
            }
        });
        System.out.println("result " + result.get(20, TimeUnit.SECONDS));
    }

    private static String body(retrofit2.Response<ResponseBody> r) throws IOException {
        ResponseBody b = r.isSuccessful() ? r.body() : r.errorBody();
        return b == null ? "" : b.string();
    }

    interface FeignApi {
        @RequestLine("GET")
        String get();
    }

    private static void feign(String url) {
        FeignApi api = Feign.builder().client(new feign.okhttp.OkHttpClient(client(new Dispatcher())))
                .target(FeignApi.class, url);
        try {
            System.out.println("result status=200 body=" + api.get());
        } catch (feign.FeignException e) {
            System.out.println("result status=" + e.status() + " error=" + e.getClass().getName());
        }
    }

    private static String execute(Call call) {
        try (Response r = call.execute()) {
            return "status=" + r.code() + " body=" + r.body().string();
        } catch (IOException e) {
            return "error=" + e.getClass().getName() + " message=" + e.getMessage();
        }
    }

    private static String enqueueAndWait(Call call, long waitMs) throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                result.complete("error=" + e.getClass().getName() + " message=" + e.getMessage()
                        + (c == call ? "" : " wrong-call"));
            }

            @Override
            public void onResponse(Call c, Response r) throws IOException {
                try (Response response = r) {
                    result.complete("status=" + response.code() + " body=" + response.body().string()
                            + (c == call ? "" : " wrong-call"));
                }
            }
        });
        return result.get(waitMs, TimeUnit.MILLISECONDS);
    }
}
