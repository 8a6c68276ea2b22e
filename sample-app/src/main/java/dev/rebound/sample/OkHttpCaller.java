package dev.rebound.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;

/**
 * Calls through one shared OkHttp client, by {@code Call.execute()} or {@code Call.enqueue(Callback)}, with
 * the client's defaults (its own retry on connection failure included), a pool of {@code --max-connections}
 * idle connections and as many concurrent async requests per host. A streamed body ({@code --streaming
 * fixed|chunked}) is a one-shot {@code RequestBody} that writes from a stream. Uses only API that OkHttp 3.14,
 * 4.x and 5.x share with the same JVM signatures, so the integration tests run it on each of them.
 */
final class OkHttpCaller implements Caller {
    /** Room for a few attempts (each bounded by the request timeout) plus backoff between them. */
    private static final int ASYNC_WAIT_ATTEMPTS = 4;
    private static final long ASYNC_WAIT_SLACK_MS = 5_000;

    private final ClientSettings settings;
    private final OkHttpClient client;
    private final boolean async;

    private OkHttpCaller(ClientSettings settings, boolean async) {
        this.settings = settings;
        this.async = async;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(settings.maxConnections());
        this.client = new OkHttpClient.Builder()
                .connectTimeout(settings.timeoutMs(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.timeoutMs(), TimeUnit.MILLISECONDS)
                .writeTimeout(settings.timeoutMs(), TimeUnit.MILLISECONDS)
                .connectionPool(new ConnectionPool(settings.maxConnections(), 1, TimeUnit.MINUTES))
                .dispatcher(dispatcher)
                .build();
    }

    static OkHttpCaller synchronous(ClientSettings settings) {
        return new OkHttpCaller(settings, false);
    }

    static OkHttpCaller asynchronous(ClientSettings settings) {
        return new OkHttpCaller(settings, true);
    }

    @Override
    public Reply call(Request request) throws Exception {
        Call call = client.newCall(toOkRequest(request));
        if (!async) {
            try (Response response = call.execute()) {
                return toReply(response);
            }
        }
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                reply.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call answered, Response response) {
                try (Response r = response) {
                    reply.complete(toReply(r));
                } catch (IOException | RuntimeException e) {
                    reply.completeExceptionally(e);
                }
            }
        });
        long waitMs = ASYNC_WAIT_ATTEMPTS * (long) settings.timeoutMs() + ASYNC_WAIT_SLACK_MS;
        try {
            return reply.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel();
            throw e;
        } catch (ExecutionException e) {
            // Report what the client failed with, as the synchronous call would.
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        }
    }

    private okhttp3.Request toOkRequest(Request request) {
        okhttp3.Request.Builder builder = new okhttp3.Request.Builder().url(request.uri().toString());
        String contentType = null;
        for (Map.Entry<String, String> header : request.headers()) {
            builder.addHeader(header.getKey(), header.getValue());
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                contentType = header.getValue();
            }
        }
        RequestBody body = null;
        if (request.hasBody()) {
            MediaType type = contentType == null ? null : MediaType.parse(contentType);
            body = settings.streaming() == StreamingMode.NONE ? RequestBody.create(type, request.body())
                    : new StreamedBody(type, request.body(), settings.streaming() == StreamingMode.FIXED);
        } else if (requiresBody(request.method())) {
            body = RequestBody.create(null, new byte[0]);
        }
        return builder.method(request.method(), body).build();
    }

    /** OkHttp refuses these methods without a body; the app sends an empty one, as other clients do. */
    private static boolean requiresBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static Reply toReply(Response response) throws IOException {
        ResponseBody body = response.body();
        byte[] bytes = body == null ? new byte[0] : body.bytes();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.headers().names()) {
            headers.put(name, new ArrayList<>(response.headers(name)));
        }
        return new Reply(response.code(), bytes, headers);
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /** A body written from a stream that can be read once: OkHttp must never send it twice. */
    private static final class StreamedBody extends RequestBody {
        private final MediaType type;
        private final InputStream content;
        private final long length;

        StreamedBody(MediaType type, byte[] bytes, boolean fixed) {
            this.type = type;
            this.content = new ByteArrayInputStream(bytes);
            this.length = fixed ? bytes.length : -1;
        }

        @Override
        public MediaType contentType() {
            return type;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            byte[] buffer = new byte[8192];
            for (int n; (n = content.read(buffer)) > 0; ) {
                sink.write(buffer, 0, n);
            }
        }
    }
}
