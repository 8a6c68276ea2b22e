package dev.rebound.client;

import dev.rebound.engine.FailureKind;
import dev.rebound.engine.RetryCall;
import dev.rebound.engine.RetryEngine;

/**
 * The rules that every synchronous client's adapter applies to the outcome of an attempt: which first
 * attempts begin a call in the engine, and how the engine's answer becomes a wait or the end of the call.
 * What comes between (reading the status, discarding a response, resetting a request) is each client's.
 */
public final class SyncAttempt {
    private SyncAttempt() {
    }

    /**
     * Whether a first attempt that ended with {@code status}, or at -1 with a failure of {@code kind} (null
     * when unclassified), may be retried. Only then does the call begin in the engine; any other first
     * attempt is the whole call.
     */
    public static boolean isRetryCandidate(RetryEngine engine, int status, FailureKind kind) {
        return status >= 0 ? engine.isRetryable(status) : kind != null && engine.isRetryable(kind);
    }

    /**
     * Waits out the engine's answer for {@code call} before the next attempt. False when the call ends
     * here instead, with the thread's scratch cleared: the engine said stop (a negative delay), or the wait
     * was interrupted, which ends the call in the engine; the interrupt stays set for the app.
     */
    public static boolean waitForNext(CallDepth.Scratch s, RetryCall call, long delay) {
        if (delay < 0) {
            s.clear();
            return false;
        }
        if (!Sleeper.sleepNanos(delay)) {
            call.cancelled();
            s.clear();
            return false;
        }
        return true;
    }
}
