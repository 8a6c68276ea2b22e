package dev.rebound.client.apacheasync;

import java.util.concurrent.Future;

/**
 * One attempt of an {@link AsyncCall}, as its stand-ins report it. Judged once, at its status line or at
 * its failure, whichever comes first: {@link #RETRY} (its response is discarded and the app's consumer never
 * sees it) or {@link #FINAL} (the app's consumer and callback get it). Its state is guarded by the call.
 */
public final class AsyncAttempt {
    static final int UNDECIDED = 0;
    static final int RETRY = 1;
    static final int FINAL = 2;

    final AsyncCall call;
    final boolean first;
    int decision;
    long delayNanos;
    boolean resendScheduled;
    /** The client's future for this attempt, once its {@code execute} returned. */
    Future<?> future;

    AsyncAttempt(AsyncCall call, boolean first) {
        this.call = call;
        this.first = first;
    }

    /** At the attempt's final status line: true when it will be retried, so that its body is discarded. */
    public boolean retryOnStatus(int status, String retryAfter) {
        return call.judgeStatus(this, status, retryAfter) == RETRY;
    }

    /** The attempt failed (as its consumer hears it): true when it will be retried, so the app's consumer is not told. */
    public boolean retryOnFailure(Exception cause) {
        return call.judgeFailure(this, cause) == RETRY;
    }

    /** True once the app's consumer owns this attempt (it is the call's last): its resources are the app's to release. */
    public boolean isFinal() {
        return call.isFinal(this);
    }

    /** The client's future for this attempt completed: with the app consumer's result, or null after a discard. */
    public void completed(Object result) {
        call.completed(this, result);
    }

    public void failed(Exception cause) {
        call.failed(this, cause);
    }

    public void cancelled() {
        call.cancelled(this);
    }
}
