package dev.rebound.client.apacheasync5;

import dev.rebound.client.apacheasync.AsyncAttempt;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Stands in for the app's response consumer during one attempt. At the status line the call judges the
 * attempt: one that will be retried has its body dropped here as it arrives (its connection then goes
 * back to the pool, or its HTTP/2 stream ends cleanly) and the app's consumer never hears of it; the final
 * attempt goes to the app's consumer untouched.
 */
final class ConsumerStandIn5<T> implements AsyncResponseConsumer<T> {
    private final AsyncAttempt attempt;
    private final AsyncResponseConsumer<T> app;
    /** Set when the attempt will be retried: the client's callback for the discarded response. */
    private FutureCallback<T> discarding;

    @SuppressWarnings("unchecked")
    ConsumerStandIn5(AsyncAttempt attempt, AsyncResponseConsumer<?> app) {
        this.attempt = attempt;
        this.app = (AsyncResponseConsumer<T>) app;
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entityDetails, HttpContext context,
                                FutureCallback<T> resultCallback) throws HttpException, IOException {
        Header retryAfter = response.getFirstHeader("Retry-After");
        if (attempt.retryOnStatus(response.getCode(), retryAfter == null ? null : retryAfter.getValue())) {
            discarding = resultCallback;
            if (entityDetails == null) {
                resultCallback.completed(null);
            }
            return;
        }
        app.consumeResponse(response, entityDetails, context, resultCallback);
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) throws HttpException, IOException {
        app.informationResponse(response, context);
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        if (discarding != null) {
            capacityChannel.update(Integer.MAX_VALUE);
            return;
        }
        app.updateCapacity(capacityChannel);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        if (discarding != null) {
            src.position(src.limit());
            return;
        }
        app.consume(src);
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
        if (discarding != null) {
            discarding.completed(null);
            return;
        }
        app.streamEnd(trailers);
    }

    @Override
    public void failed(Exception cause) {
        if (discarding != null || attempt.retryOnFailure(cause)) {
            return;
        }
        app.failed(cause);
    }

    @Override
    public void releaseResources() {
        if (discarding == null && attempt.isFinal()) {
            app.releaseResources();
        }
    }
}
