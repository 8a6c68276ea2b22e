package dev.rebound.client.apacheasync4;

import dev.rebound.client.apacheasync.AsyncAttempt;
import org.apache.http.Header;
import org.apache.http.HttpException;
import org.apache.http.HttpResponse;
import org.apache.http.nio.ContentDecoder;
import org.apache.http.nio.IOControl;
import org.apache.http.nio.protocol.HttpAsyncResponseConsumer;
import org.apache.http.protocol.HttpContext;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Stands in for the app's response consumer during one attempt. At the status line the call judges the
 * attempt: one that will be retried has its body read and dropped here, so that its connection goes back
 * to the pool and the app's consumer never hears of it; the final attempt goes to the app's consumer
 * untouched.
 */
final class ConsumerStandIn4<T> implements HttpAsyncResponseConsumer<T> {
    private final AsyncAttempt attempt;
    private final HttpAsyncResponseConsumer<T> app;
    private boolean discarding;
    private boolean discarded;

    @SuppressWarnings("unchecked")
    ConsumerStandIn4(AsyncAttempt attempt, HttpAsyncResponseConsumer<?> app) {
        this.attempt = attempt;
        this.app = (HttpAsyncResponseConsumer<T>) app;
    }

    @Override
    public void responseReceived(HttpResponse response) throws IOException, HttpException {
        Header retryAfter = response.getFirstHeader("Retry-After");
        if (attempt.retryOnStatus(response.getStatusLine().getStatusCode(),
                retryAfter == null ? null : retryAfter.getValue())) {
            discarding = true;
            return;
        }
        app.responseReceived(response);
    }

    @Override
    public void consumeContent(ContentDecoder decoder, IOControl ioControl) throws IOException {
        if (!discarding) {
            app.consumeContent(decoder, ioControl);
            return;
        }
        ByteBuffer sink = ByteBuffer.allocate(8192);
        while (decoder.read(sink) > 0) {
            sink.clear();
        }
    }

    @Override
    public void responseCompleted(HttpContext context) {
        if (discarding) {
            discarded = true;
            return;
        }
        app.responseCompleted(context);
    }

    @Override
    public void failed(Exception cause) {
        if (discarding || attempt.retryOnFailure(cause)) {
            return;
        }
        app.failed(cause);
    }

    @Override
    public Exception getException() {
        return discarding ? null : app.getException();
    }

    @Override
    public T getResult() {
        return discarding ? null : app.getResult();
    }

    @Override
    public boolean isDone() {
        return discarding ? discarded : app.isDone();
    }

    @Override
    public void close() throws IOException {
        if (!discarding && attempt.isFinal()) {
            app.close();
        }
    }

    @Override
    public boolean cancel() {
        if (discarding) {
            return false;
        }
        return app.cancel();
    }
}
