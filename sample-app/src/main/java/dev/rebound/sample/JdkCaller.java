package dev.rebound.sample;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Calls through one shared {@link HttpClient} with its defaults, by {@code send} or {@code sendAsync().get()}. */
final class JdkCaller implements Caller {
    /** Room for a few attempts (each bounded by the request timeout) plus backoff between them. */
    private static final int ASYNC_WAIT_ATTEMPTS = 4;
    private static final long ASYNC_WAIT_SLACK_MS = 5_000;

    private final HttpClient client;
    private final Duration timeout;
    private final boolean async;

    private JdkCaller(ClientSettings settings, boolean async) {
        this.timeout = Duration.ofMillis(settings.timeoutMs());
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.async = async;
    }

    static JdkCaller synchronous(ClientSettings settings) {
        return new JdkCaller(settings, false);
    }

    static JdkCaller asynchronous(ClientSettings settings) {
        return new JdkCaller(settings, true);
    }

    @Override
    public Reply call(Request request) throws Exception {
        HttpRequest httpRequest = toHttpRequest(request);
        HttpResponse<byte[]> response = async ? sendAsync(httpRequest) : send(httpRequest);
        return new Reply(response.statusCode(), response.body(), response.headers().map());
    }

    private HttpRequest toHttpRequest(Request request) {
        HttpRequest.BodyPublisher body = request.hasBody()
                ? HttpRequest.BodyPublishers.ofByteArray(request.body())
                : HttpRequest.BodyPublishers.noBody();
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(timeout)
                .method(request.method(), body);
        for (Map.Entry<String, String> header : request.headers()) {
            builder.header(header.getKey(), header.getValue());
        }
        return builder.build();
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> sendAsync(HttpRequest request) throws Exception {
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        long waitMs = ASYNC_WAIT_ATTEMPTS * timeout.toMillis() + ASYNC_WAIT_SLACK_MS;
        try {
            return future.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            // Report what the client failed with, as the synchronous send would.
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        }
    }
}
