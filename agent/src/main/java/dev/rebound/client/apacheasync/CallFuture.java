package dev.rebound.client.apacheasync;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The future the app holds for a whole call, in place of the first attempt's. Whoever completes it first
 * (the final attempt, or the app's cancel) also tells the app's callback, so future and callback agree
 * and each ends once. {@code CompletableFuture.cancel} answers true again once cancelled, so the first
 * transition is claimed here, and a later cancel answers false, as the client's own future does.
 */
final class CallFuture extends CompletableFuture<Object> {
    private final AsyncCall call;
    private final AtomicBoolean settled = new AtomicBoolean();

    CallFuture(AsyncCall call) {
        this.call = call;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        super.cancel(mayInterruptIfRunning);
        call.cancelledByApp();
        return call.bridge.cancelAnswer();
    }

    /** Completes the app's side unless it was settled before; true when this did. */
    boolean finish(Object result) {
        return settled.compareAndSet(false, true) && super.complete(result);
    }

    boolean fail(Exception cause) {
        return settled.compareAndSet(false, true) && super.completeExceptionally(cause);
    }

    /** Cancelled by the client itself (shut down): the app's future and callback see a cancel. */
    boolean cancelledByClient() {
        return settled.compareAndSet(false, true) && super.cancel(false);
    }
}
