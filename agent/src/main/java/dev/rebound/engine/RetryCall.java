package dev.rebound.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One logical call whose first attempt was a retry candidate. The adapter reports each attempt and gets back
 * a delay to wait before the next one, or {@link #STOP}. Never blocks: a sync adapter sleeps, an async one
 * schedules. Used by one thread at a time; {@link #cancelled()} may race with a report, and exactly one of
 * them ends the call.
 */
public final class RetryCall {
    /** Hand the last response or exception to the app. */
    public static final long STOP = -1L;

    private static final String[] STATUS_TEXT = new String[600];

    static {
        for (int s = 100; s < STATUS_TEXT.length; s++) {
            STATUS_TEXT[s] = Integer.toString(s);
        }
    }

    private final RetryEngine engine;
    private final RetryPolicy policy;
    private final Client client;
    private final String host;
    private final String method;
    private final HostGuard guard;
    private final boolean methodAllowed;
    private boolean bodyReplayable;
    private final long startNanos;
    /** The app's thread that made the call, whose stack may show an outer retrier; null when unknown. */
    private final Thread caller;
    /** With {@link #callerMethod}: the frame the caller stays in while the call lasts, or null (this thread). */
    private final String callerClass;
    private final String callerMethod;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile int attempts;
    private long previousDelayNanos;

    RetryCall(RetryEngine engine, RetryPolicy policy, Client client, String host, String method, HostGuard guard,
              boolean methodAllowed, boolean bodyReplayable, long startNanos,
              Thread caller, String callerClass, String callerMethod) {
        this.engine = engine;
        this.policy = policy;
        this.client = client;
        this.host = host;
        this.method = method;
        this.guard = guard;
        this.methodAllowed = methodAllowed;
        this.bodyReplayable = bodyReplayable;
        this.startNanos = startNanos;
        this.caller = caller;
        this.callerClass = callerClass;
        this.callerMethod = callerMethod;
    }

    /** The attempt just made got {@code status}; {@code retryAfter} is its Retry-After header, or null. */
    public long onStatus(int status, String retryAfter) {
        if (ended.get()) {
            return STOP;
        }
        int made = ++attempts;
        boolean candidate = policy.isRetryable(status);
        guard.onAttemptResult(made > 1, !candidate);
        if (!candidate) {
            return finish(made > 1 ? Outcome.RECOVERED : Outcome.OK);
        }
        String reason = status >= 100 && status < STATUS_TEXT.length ? STATUS_TEXT[status] : String.valueOf(status);
        return decide(reason, retryAfter, false);
    }

    /** The attempt just made failed in transport; {@code kind} null when the failure is none of the kinds. */
    public long onFailure(FailureKind kind) {
        if (ended.get()) {
            return STOP;
        }
        int made = ++attempts;
        // A failure is never a healthy answer from the host, retryable or not.
        guard.onAttemptResult(made > 1, false);
        if (!policy.isRetryable(kind)) {
            // The app gets an exception either way: a retry that ends in one recovered nothing.
            return finish(made > 1 ? Outcome.EXHAUSTED : Outcome.FAILED);
        }
        // RESET and TIMEOUT may mean the server acted; the method rule below, which they pass through
        // and whose list can never hold POST, PATCH or CONNECT, keeps them to idempotent calls. A connect
        // failure sent no byte of the request: any method may be sent again, if its body is still intact.
        return decide(kind.label(), null, kind == FailureKind.CONNECT_FAILURE);
    }

    /**
     * The app has now handed over the request body in a form that cannot be sent again (a streaming-mode
     * body written after a connect that rebound retried): later attempts are judged as not replayable.
     */
    public void bodyConsumed() {
        bodyReplayable = false;
    }

    /** The app cancelled the call (async): no more attempts. Counted as exhausted if it had not ended. */
    public void cancelled() {
        finish(Outcome.EXHAUSTED);
    }

    /** Attempts reported so far, the first included. */
    public int attempts() {
        return attempts;
    }

    /** The order matters: it decides which cause is recorded when several apply. */
    private long decide(String reason, String retryAfter, boolean nothingSent) {
        if (!methodAllowed && !(nothingSent && bodyReplayable)) {
            return skip(SkipCause.METHOD);
        }
        if (!bodyReplayable) {
            return skip(SkipCause.BODY);
        }
        int made = attempts;
        if (made >= policy.maxAttempts()) {
            return finish(Outcome.EXHAUSTED);
        }
        if (made == 1 && insideOuterRetrier()) {
            return skip(SkipCause.OUTER_RETRY);
        }
        long retryAfterNanos = retryAfter == null
                ? RetryAfter.ABSENT : RetryAfter.delayNanos(retryAfter, engine.clock());
        long delay;
        if (retryAfterNanos != RetryAfter.ABSENT) {
            if (retryAfterNanos > policy.retryAfterMaxNanos()) {
                return skip(SkipCause.RETRY_AFTER);
            }
            delay = retryAfterNanos;
        } else {
            delay = policy.backoff().delayNanos(made, previousDelayNanos, engine.random());
        }
        long elapsed = engine.now() - startNanos;
        if (delay > policy.maxElapsedNanos() - elapsed) {
            return skip(SkipCause.DEADLINE);
        }
        boolean observe = policy.observeOnly();
        SkipCause refused = observe ? guard.peekRetry() : guard.acquireRetry();
        if (refused != null) {
            return skip(refused);
        }
        if (observe) {
            return skip(SkipCause.OBSERVE);
        }
        previousDelayNanos = delay;
        engine.listener().retried(client, host, reason, delay);
        return delay;
    }

    /**
     * Does a retry library around the call retry it itself? Asked once per call, at its first retry
     * candidate, never on a healthy call: the stack walk costs microseconds (README, "One retry layer").
     */
    private boolean insideOuterRetrier() {
        OuterRetriers retriers = policy.outerRetriers();
        Thread t = caller;
        if (t == null || retriers.isEmpty()) {
            return false;
        }
        try {
            return retriers.around(t.getStackTrace(), callerClass, callerMethod);
        } catch (RuntimeException e) {
            return false; // a security manager refusing the stack: retry as rebound would without the rule
        }
    }

    private long skip(SkipCause cause) {
        if (ended.compareAndSet(false, true)) {
            engine.listener().retrySkipped(client, host, cause);
            engine.listener().callEnded(client, host, method, Outcome.NOT_RETRIED);
        }
        return STOP;
    }

    private long finish(Outcome outcome) {
        if (ended.compareAndSet(false, true)) {
            engine.listener().callEnded(client, host, method, outcome);
        }
        return STOP;
    }
}
