package dev.rebound.client;

import dev.rebound.engine.RetryCall;

/**
 * How every synchronous client's adapter turns the engine's answer for an attempt into a wait or the end
 * of the call.
 * What comes between (reading the status, discarding a response, resetting a request) is each client's.
 */
public final class SyncAttempt {
    private SyncAttempt() {
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
