package dev.rebound.client.jdk;

import java.util.concurrent.CompletableFuture;

/**
 * The future an app holds for a call rebound manages: it completes with the final attempt's response or
 * failure. Behaves like the JDK's own future: no obtrusion, and cancelling it or any stage derived from
 * it cancels the call (the attempt under way, and every further one).
 */
final class CallFuture<T> extends CompletableFuture<T> {
    private final JdkCall call;

    CallFuture(JdkCall call) {
        this.call = call;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CallFuture<>(call);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean wasDone = isDone();
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (!wasDone) {
            call.cancelledByApp(mayInterruptIfRunning);
        }
        return cancelled;
    }

    @Override
    public void obtrudeValue(T value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void obtrudeException(Throwable ex) {
        throw new UnsupportedOperationException();
    }
}
