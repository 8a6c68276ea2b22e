package dev.rebound.client.okhttp;

import dev.rebound.client.Failures;
import dev.rebound.engine.Client;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.RetryCall;
import dev.rebound.engine.RetryEngine;

/**
 * Translates a synchronous OkHttp call ({@code Call.execute()}) for the engine. Each attempt is one whole
 * run of OkHttp's follow-up interceptor ({@code RetryAndFollowUpInterceptor.intercept}), re-run in place
 * on the caller's thread with the same chain: OkHttp's own retries and redirects happen inside each
 * attempt, the app's interceptors (above it) see one call with the final response, and the call's
 * timeout covers every attempt, as for an app interceptor that calls {@code proceed} again.
 */
final class SyncCalls {
    private static final String RETRY_AFTER = "Retry-After";
    /** The longest a backoff waits before it looks again whether the call was cancelled. */
    private static final long CANCEL_POLL_NANOS = 20_000_000L;

    private final RetryEngine engine;
    private final Client client;

    SyncCalls(RetryEngine engine, Client client) {
        this.engine = engine;
        this.client = client;
    }

    /** A new call's follow-up loop starts on this thread. */
    void enter(SyncScratch s, OkHttpBridge bridge, Object chain) {
        s.clear();
        Object request = bridge.chainRequest(chain);
        String hostName = bridge.host(request);
        int port = bridge.port(request);
        if (!engine.enabledFor(hostName, port)) {
            return;
        }
        s.bridge = bridge;
        s.chain = chain;
        s.request = request;
        s.start(engine, client, s.authority(hostName, port, bridge.secure(request)), bridge.method(request),
                hostName, port, bridge.url(request));
        s.runs = 1;
    }

    /**
     * A run returned {@code response}: judged here, before the app's interceptors could see it. A
     * response to retry is consumed (its connection goes back to the pool) and a copy with its body kept
     * in memory is what the run returns instead, in case the call ends with it after all.
     */
    Object returned(SyncScratch s, Object response) {
        OkHttpBridge bridge = s.bridge;
        int status = bridge.status(response);
        RetryCall call = s.callFor(status, null);
        if (call == null) {
            return response; // the whole call, accounted for; the scratch is clear, so the exit lets it go
        }
        s.judged = true;
        s.pendingDelay = RetryCall.STOP;
        long delay = bounded(s, call.onStatus(status, bridge.header(response, RETRY_AFTER)));
        if (delay < 0) {
            return response;
        }
        s.pendingDelay = delay;
        Object kept = bridge.discard(response);
        return kept != null ? kept : response;
    }

    /** A run ended (returned or threw): true to run the follow-up loop again. */
    boolean exit(SyncScratch s, Throwable thrown) {
        long delay;
        if (s.judged) {
            delay = s.pendingDelay;
        } else if (thrown != null) {
            FailureKind kind = Failures.classify(thrown);
            RetryCall call = s.callFor(-1, kind);
            if (call == null) {
                return false; // the whole call, accounted for
            }
            delay = bounded(s, call.onFailure(kind));
        } else {
            delay = RetryCall.STOP; // returned null: nothing to judge
            if (s.call() != null) {
                s.call().cancelled();
            }
        }
        s.judged = false;
        if (delay < 0) {
            s.clear();
            return false;
        }
        RetryCall call = s.call();
        if (!waitUnlessCancelled(s, delay)) {
            call.cancelled();
            s.clear();
            return false;
        }
        s.runs++;
        s.rerun = true;
        return true;
    }

    /**
     * The engine's delay, or STOP when another run would exceed max-attempts counted by the runs this call
     * made itself: the engine keeps that bound already, this holds it whatever ran unreported.
     */
    private long bounded(SyncScratch s, long delay) {
        if (delay >= 0 && !s.mayResend(s.runs)) {
            s.call().cancelled();
            return RetryCall.STOP;
        }
        return delay;
    }

    /**
     * Sleeps out the backoff in slices, so that a cancel of the call (another thread's {@code cancel()},
     * or OkHttp's call timeout) ends it promptly. False when cancelled or interrupted (the flag stays set).
     */
    private static boolean waitUnlessCancelled(SyncScratch s, long delayNanos) {
        Object call = s.bridge.chainCall(s.chain);
        long end = System.nanoTime() + delayNanos;
        for (long left = delayNanos; ; left = end - System.nanoTime()) {
            if (call != null && s.bridge.isCanceled(call)) {
                return false;
            }
            if (left <= 0) {
                return !Thread.currentThread().isInterrupted();
            }
            long slice = Math.min(left, CANCEL_POLL_NANOS);
            try {
                Thread.sleep(slice / 1_000_000L, (int) (slice % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
