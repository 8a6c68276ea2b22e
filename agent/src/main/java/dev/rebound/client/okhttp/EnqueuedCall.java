package dev.rebound.client.okhttp;

import dev.rebound.client.Failures;
import dev.rebound.client.OnceLine;
import dev.rebound.client.ResendMarks;
import dev.rebound.client.Traces;
import dev.rebound.engine.CallStart;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.RetryCall;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One asynchronous OkHttp call that rebound manages. Its stand-in callback receives every attempt's
 * outcome on an OkHttp dispatcher thread; a response to retry is consumed there (its connection goes back
 * to the pool) and the re-send is scheduled on {@link Delays}, so that no dispatcher thread waits out a
 * backoff. The re-send is {@code original.clone().enqueue(standIn)}: a fresh call through the same client,
 * its interceptors and dispatcher limits included. The app's callback is called exactly once, with the
 * app's own {@code Call} and the final attempt's outcome. Attempts follow each other, so the fields are
 * written by one thread at a time, each hand-off (the dispatcher's, the scheduler's) ordering them; only
 * the app's {@code cancel()} comes from anywhere, and the one delivery to the app is claimed by a CAS.
 */
final class EnqueuedCall extends CallStart implements AsyncAttempts, Runnable {
    /** Marks the thread that re-sends one of these calls, so that the woven enqueue knows it. */
    static final ResendMarks<EnqueuedCall> RESENDS = new ResendMarks<EnqueuedCall>();

    private static final OnceLine ASTRAY = new OnceLine("rebound: okhttp: a re-send did not come back through"
            + " rebound's hook on its own thread (another agent?); such calls are not retried further");
    private static final OnceLine FAULT = new OnceLine("rebound: okhttp: internal error, async call continues unretried");
    private static final OnceLine CALLBACK_FAILED = new OnceLine("rebound: okhttp: the app's callback threw"
            + " on rebound's re-send thread");

    private final OkHttpBridge bridge;
    /** The call the app enqueued: every attempt is a clone of it, and the app's callback receives it. */
    private final Object original;
    private final Object appCallback;
    /** The app's request: asked for its idempotency key and body once a retry is in question. */
    private final Object request;
    volatile Object standIn;
    /** Null until the first attempt turned out to be a retry candidate. */
    volatile RetryCall retryCall;

    /** Attempts put on the wire, the first included. */
    private volatile int sent = 1;
    private final AtomicBoolean delivered = new AtomicBoolean();
    /** The re-send in flight, so that the app's cancel reaches it; null before the first one. */
    private volatile Object current;

    /**
     * Calls waiting for a retry or with a re-send in flight, by the app's call, so that its {@code cancel()}
     * ends them at once. Keyed by OkHttp's own call object, which the woven {@code enqueue} and
     * {@code cancel} both see as {@code this}, whatever wraps it; a call is here only from its first
     * retry to its delivery. Promptness only: each re-send checks the app's call anyway.
     */
    private static final ConcurrentHashMap<Object, EnqueuedCall> RETRYING = new ConcurrentHashMap<Object, EnqueuedCall>();
    /** Set on a path rebound did not expect: the current attempt is the last, whatever the engine says. */
    private volatile boolean halted;
    /** The response being retried with its body kept in memory, until the re-send has an outcome; or null. */
    private volatile Object held;
    /** Likewise the failure being retried (a refused connection, say). */
    private volatile IOException heldFailure;
    /** The caller's trace context (null without a tracing agent), taken on the thread that enqueued. */
    private final Object trace = Traces.capture();
    /** The context the re-sends are enqueued in, made at the first retry ({@link Traces#forResends}). */
    private volatile Object resendTrace;

    /** Start it ({@link #start}) before the first attempt is sent. */
    EnqueuedCall(OkHttpBridge bridge, Object original, Object appCallback, Object request) {
        this.bridge = bridge;
        this.original = original;
        this.appCallback = appCallback;
        this.request = request;
    }

    // ---- the request, as the engine's first-attempt step asks for it

    @Override
    protected boolean hasHeader(String name) {
        return bridge.hasHeader(request, name);
    }

    @Override
    protected boolean bodyReplayable() {
        return bridge.replayable(request);
    }

    /** No caller thread: the app's thread left enqueue long ago, its stack says nothing about this call. */
    @Override
    protected Thread caller() {
        return null;
    }

    /** An attempt got {@code status}: the delay before the next one, or STOP. */
    private long judge(int status, String retryAfter) {
        RetryCall c = retryCall;
        if (c == null) {
            c = firstAttemptEnded(status, null);
            if (c == null) {
                return RetryCall.STOP;
            }
            retryCall = c;
        }
        return c.onStatus(status, retryAfter);
    }

    /** An attempt failed in transport: the delay before the next one, or STOP. */
    private long judge(Throwable thrown) {
        FailureKind kind = Failures.classify(thrown);
        RetryCall c = retryCall;
        if (c == null) {
            c = firstAttemptEnded(-1, kind);
            if (c == null) {
                return RetryCall.STOP;
            }
            retryCall = c;
        }
        return c.onFailure(kind);
    }

    // ---- each attempt's outcome, on an OkHttp thread

    @Override
    public void onResponse(Object call, Object response) throws IOException {
        if (delivered.get()) {
            bridge.close(response); // the app has had its answer (a cancel): nobody reads this one
            return;
        }
        held = null;
        heldFailure = null;
        long d;
        try {
            if (sent > 1 && bridge.isCanceled(original)) {
                bridge.close(response);
                cancelledByApp();
                return;
            }
            d = halted ? end() : bounded(judge(bridge.status(response),
                    bridge.header(response, "Retry-After")));
        } catch (Throwable t) {
            FAULT.report(t);
            d = end();
        }
        if (d < 0) {
            if (!claimDelivery()) {
                bridge.close(response);
                return;
            }
            bridge.deliverResponse(appCallback, original, response); // the app's exception reaches OkHttp as before
            return;
        }
        held = bridge.discard(response);
        retryLater(d);
    }

    @Override
    public void onFailure(Object call, IOException failure) {
        if (delivered.get()) {
            return;
        }
        Object kept = held;
        IOException keptFailure = heldFailure;
        held = null;
        heldFailure = null;
        long d;
        try {
            if ((kept != null || keptFailure != null) && refused(failure)) {
                // The client refused the re-send (its executor is shut down): nothing went out, and the
                // app gets the outcome being retried, as it would have without rebound.
                end();
                deliverOnce(kept, keptFailure);
                return;
            }
            if (sent > 1 && bridge.isCanceled(original)) {
                cancelledByApp();
                return;
            }
            d = halted ? end() : bounded(judge(failure));
        } catch (Throwable t) {
            FAULT.report(t);
            d = end();
        }
        if (d < 0) {
            if (claimDelivery()) {
                bridge.deliverFailure(appCallback, original, failure);
            }
            return;
        }
        heldFailure = failure;
        retryLater(d);
    }

    // ---- the re-send, on the shared delay thread

    @Override
    public void run() {
        try {
            if (bridge.isCanceled(original)) {
                cancelledByApp();
                return;
            }
            if (delivered.get()) {
                return; // a cancel's early run came first
            }
            sent++;
            ResendMarks.Scope<EnqueuedCall> mark = RESENDS.open(this);
            boolean claimed;
            // The dispatcher runs the clone in the context current at its enqueue: the caller's.
            Object traceScope = Traces.enter(resendTrace);
            try {
                current = bridge.resend(original, standIn);
            } finally {
                Traces.exit(traceScope);
                claimed = RESENDS.close(mark);
            }
            if (bridge.isCanceled(original)) {
                bridge.cancel(current); // cancelled while the re-send was being handed over
            }
            if (!claimed) {
                // Not seen by the woven entry on this thread: whoever handled it may have taken it for a
                // new call. This attempt is the last; what it brings goes to the app.
                ASTRAY.report();
                halted = true;
            }
        } catch (Throwable t) {
            // Thrown before anything was sent (the clone or the enqueue failed): end with what we hold.
            FAULT.report(t);
            end();
            Object kept = held;
            IOException keptFailure = heldFailure;
            held = null;
            heldFailure = null;
            deliverOnce(kept, keptFailure != null ? keptFailure
                    : t instanceof IOException ? (IOException) t : new IOException(t));
        }
    }

    // ---- the app's cancel() of its call, on any thread

    /** After the woven {@code cancel()} of an OkHttp call: ends the call at once if rebound is retrying it. */
    static void cancelled(Object call) {
        if (RETRYING.isEmpty()) {
            return;
        }
        EnqueuedCall c = RETRYING.get(call);
        if (c != null) {
            c.cancelRequested();
        }
    }

    private void cancelRequested() {
        Object inFlight = current;
        if (inFlight != null) {
            bridge.cancel(inFlight); // its failure comes back to the stand-in, which finds the app's call cancelled
        }
        Delays.schedule(0L, this); // a waiting call: its re-send task finds the app's call cancelled and ends it now
    }

    // ---- helpers

    private void retryLater(long delayNanos) {
        if (sent == 1) {
            RETRYING.put(original, this);
            // OkHttp's spans are per network attempt, each with its own outcome: no status to pass on.
            resendTrace = Traces.forResends(trace, -1, null);
        }
        Delays.schedule(delayNanos, this);
    }

    /** True for the one caller that may hand the app its answer; the call leaves {@link #RETRYING}. */
    private boolean claimDelivery() {
        if (!delivered.compareAndSet(false, true)) {
            return false;
        }
        if (!RETRYING.isEmpty()) {
            RETRYING.remove(original, this);
        }
        return true;
    }

    /** The app cancelled its call during the backoff or a re-send: it gets what OkHttp gives a cancelled call. */
    private void cancelledByApp() {
        RetryCall c = retryCall;
        if (c != null) {
            c.cancelled();
        }
        Object kept = held;
        held = null;
        heldFailure = null;
        if (kept != null) {
            bridge.close(kept);
        }
        deliverOnce(null, new IOException("Canceled"));
    }

    /** Delivers on a thread of rebound's or OkHttp's own, the app's exception caught: once only. */
    private void deliverOnce(Object response, IOException failure) {
        if (!claimDelivery()) {
            return;
        }
        try {
            if (response != null) {
                bridge.deliverResponse(appCallback, original, response);
            } else {
                bridge.deliverFailure(appCallback, original, failure);
            }
        } catch (Throwable t) {
            CALLBACK_FAILED.report(t);
        }
    }

    /** The engine's delay, or STOP when another attempt would exceed max-attempts counted by what was sent. */
    private long bounded(long delay) {
        if (delay >= 0 && !mayResend(sent)) {
            return end();
        }
        return delay;
    }

    /** Ends the call in the engine without a further report; a no-op when it ended already. */
    private long end() {
        RetryCall c = retryCall;
        if (c != null) {
            c.cancelled();
        }
        return RetryCall.STOP;
    }

    /** The executor's refusal, as OkHttp reports it: an InterruptedIOException caused by a RejectedExecutionException. */
    private static boolean refused(Throwable t) {
        return Failures.causedBy(t, RejectedExecutionException.class);
    }

    @Override
    public String toString() {
        return bridge.method(request) + " " + bridge.authority(request); // built when asked, not per call
    }
}
