package dev.rebound.client.jdk;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The body subscriber of an attempt that rebound retries. It reads the body to its end, so the
 * connection goes back to the pool, and keeps up to {@link #LIMIT} bytes of it: if the re-send is then
 * refused (the app shut down the client's executor, or closed the client), this response goes to the
 * app after all, replayed into the app's own handler. A longer body is dropped as it arrives.
 * Completes with itself, so the attempt's response carries it.
 */
final class RetriedBody implements HttpResponse.BodySubscriber<Object> {
    /** Bodies up to this size are kept; the same limit as the drain of a retried Apache response. */
    static final int LIMIT = 64 * 1024;

    final HttpResponse.ResponseInfo info;
    private final CompletableFuture<Object> done = new CompletableFuture<>();
    private List<ByteBuffer> kept = new ArrayList<>();
    private long size;
    /** Read to its end, with every byte kept. */
    private volatile boolean intact;

    RetriedBody(HttpResponse.ResponseInfo info) {
        this.info = info;
    }

    @Override
    public CompletionStage<Object> getBody() {
        return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        if (kept == null) {
            return;
        }
        for (ByteBuffer b : item) {
            size += b.remaining();
            if (size > LIMIT) {
                kept = null; // too long to keep: the rest is read and dropped
                return;
            }
            ByteBuffer copy = ByteBuffer.allocate(b.remaining());
            copy.put(b).flip();
            kept.add(copy);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        kept = null;
        done.complete(this); // the attempt's outcome is its status: a broken body only cannot be replayed
    }

    @Override
    public void onComplete() {
        intact = kept != null;
        done.complete(this);
    }

    /**
     * The app's handler's view of this response: its subscriber gets the kept bytes in one item, on
     * demand. Only for an intact body.
     */
    <T> CompletionStage<T> replayInto(HttpResponse.BodySubscriber<T> subscriber) {
        List<ByteBuffer> bytes = new ArrayList<>(kept.size());
        for (ByteBuffer b : kept) {
            bytes.add(b.asReadOnlyBuffer());
        }
        subscriber.onSubscribe(new Replay(subscriber, bytes));
        return subscriber.getBody();
    }

    boolean intact() {
        return intact;
    }

    /** One item, then the end, as soon as the subscriber asks; a bad request is an error, as the spec says. */
    private static final class Replay implements Flow.Subscription {
        private final HttpResponse.BodySubscriber<?> subscriber;
        private final List<ByteBuffer> bytes;
        private final AtomicBoolean over = new AtomicBoolean();

        Replay(HttpResponse.BodySubscriber<?> subscriber, List<ByteBuffer> bytes) {
            this.subscriber = subscriber;
            this.bytes = bytes;
        }

        @Override
        public void request(long n) {
            if (!over.compareAndSet(false, true)) {
                return;
            }
            if (n <= 0) {
                subscriber.onError(new IllegalArgumentException("non-positive request: " + n));
                return;
            }
            if (!bytes.isEmpty()) {
                subscriber.onNext(bytes);
            }
            subscriber.onComplete();
        }

        @Override
        public void cancel() {
            over.set(true);
        }
    }
}
