package dev.rebound.client.apacheasync;

import java.util.concurrent.CompletableFuture;

/**
 * The future the app holds for a whole call, in place of the first attempt's. Whoever completes it first
 * (the final attempt, or the app's cancel) also tells the app's callback, so future and callback agree
 * and each ends once.
 */
final class CallFuture extends CompletableFuture<Object> {
    private final AsyncCall call;

    CallFuture(AsyncCall call) {
        this.call = call;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            call.cancelledByApp();
        }
        return cancelled;
    }

    /** Completes the app's side unless the app cancelled first; true when it did. */
    boolean finish(Object result) {
        return super.complete(result);
    }

    boolean fail(Exception cause) {
        return super.completeExceptionally(cause);
    }

    /** Cancelled by the client itself (shut down): the app's future and callback see a cancel. */
    boolean cancelledByClient() {
        return super.cancel(false);
    }
}
