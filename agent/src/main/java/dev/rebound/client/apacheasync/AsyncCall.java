package dev.rebound.client.apacheasync;

import dev.rebound.client.ResendMarks;
import dev.rebound.client.Traces;
import dev.rebound.client.OnceLine;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.HostGuard;
import dev.rebound.engine.RetryCall;
import dev.rebound.engine.RetryPolicy;

import java.io.IOException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;

/**
 * One logical call of an Apache async client: the app's {@code execute} and every re-send rebound makes
 * for it. The app holds {@link #future} and its callback hears only from the call's final attempt; the
 * attempts before it are judged by the engine, their responses discarded (so their connections go back to
 * the pool), and the next one scheduled on {@link ResendTimer} without any thread waiting.
 *
 * <p>Attempts run one at a time; the app's cancel may race with them, so the call's state is guarded by
 * its own monitor, never held while the client or the app's code runs.
 */
public final class AsyncCall implements Runnable {
    /** Marks the thread that re-sends one of these calls, so that the woven entry knows it. */
    static final ResendMarks<AsyncCall> RESENDS = new ResendMarks<AsyncCall>();

    private static final OnceLine STRAY = new OnceLine("rebound: apache async: a re-send did not reach rebound's"
            + " hook (another agent?); the call ends with an error instead of waiting forever");

    private final ApacheAsyncAdapter adapter;
    final AsyncBridge bridge;
    /** The app's own objects, handed to the client again on each re-send. */
    public final Object httpClient;
    public final Object target;
    public final Object producer;
    public final Object consumer;
    public final Object pushHandlers;
    public final Object context;
    private final Object appCallback;
    final CallFuture future = new CallFuture(this);
    private final long startNanos;
    private final boolean repeatable;

    // guarded by this
    private boolean described;
    private boolean managed;
    private String host;
    private String method;
    private HostGuard guard;
    /** Chosen once the request is described; kept for all the call's attempts. */
    private RetryPolicy policy;
    private boolean hasKey;
    private boolean firstJudged;
    private RetryCall retryCall;
    private int sent;
    private AsyncAttempt current;
    private ScheduledFuture<?> pendingResend;
    /** No further attempt: the call reached its final attempt, or the app cancelled it. */
    private boolean ended;
    /** The caller's trace context (null without a tracing agent), taken on the thread that called execute. */
    private final Object trace = Traces.capture();
    /** The context the re-sends are handed to the client in, made at the first retry ({@link Traces#forResends}). */
    private Object resendTrace;
    private boolean traceReady;

    AsyncCall(ApacheAsyncAdapter adapter, AsyncBridge bridge, Object httpClient, Object target, Object producer,
              Object consumer, Object pushHandlers, Object context, Object appCallback, long startNanos) {
        this.adapter = adapter;
        this.bridge = bridge;
        this.httpClient = httpClient;
        this.target = target;
        this.producer = producer;
        this.consumer = consumer;
        this.pushHandlers = pushHandlers;
        this.context = context;
        this.appCallback = appCallback;
        this.startNanos = startNanos;
        this.repeatable = bridge.repeatable(producer);
    }

    /**
     * The request's facts, from the first attempt (later reports are ignored). A host rebound does not
     * handle leaves the call unmanaged: its one attempt is final.
     *
     * @param port the port as written, -1 when none
     * @param target the request's path, or a URI holding it, for rules with a path; null when unknown
     * @param request the request whose headers {@link AsyncBridge#hasHeader} reads
     */
    public synchronized void facts(String requestHost, int port, boolean secure, String requestMethod,
                                   String target, Object request) {
        if (described) {
            return;
        }
        described = true;
        int effectivePort = port >= 0 ? port : secure ? 443 : 80;
        if (requestHost == null || requestMethod == null || !adapter.enabledFor(requestHost, effectivePort)) {
            return;
        }
        host = port >= 0 ? requestHost + ":" + port : requestHost;
        method = requestMethod;
        policy = adapter.policyFor(requestHost, effectivePort, requestMethod, target);
        guard = adapter.guard(host, requestHost, effectivePort);
        String keyHeader = policy.idempotencyHeader();
        hasKey = !keyHeader.isEmpty() && request != null && bridge.hasHeader(request, keyHeader);
        managed = true;
    }

    synchronized AsyncAttempt newAttempt() {
        AsyncAttempt a = new AsyncAttempt(this, sent == 0);
        sent++;
        current = a;
        if (ended) {
            a.decision = AsyncAttempt.FINAL; // a re-send the app's cancel overtook: it reports to no one
        }
        return a;
    }

    /** The client's future for an attempt; what its {@code execute} returns to its caller. */
    Object attach(AsyncAttempt a, Object returned) {
        boolean cancelNow;
        synchronized (this) {
            if (returned instanceof Future) {
                a.future = (Future<?>) returned;
            }
            cancelNow = ended && future.isCancelled() && a.future != null;
        }
        if (cancelNow) {
            a.future.cancel(true);
        }
        return a.first ? future : returned;
    }

    synchronized int judgeStatus(AsyncAttempt a, int status, String retryAfter) {
        if (a.decision != AsyncAttempt.UNDECIDED) {
            return a.decision;
        }
        if (ended || !managed) {
            return a.decision = AsyncAttempt.FINAL;
        }
        if (retryCall == null) {
            firstJudged = true;
            if (!policy.isRetryable(status)) {
                adapter.firstAttemptFinal(host, method, guard);
                return a.decision = AsyncAttempt.FINAL;
            }
            retryCall = adapter.begin(policy, host, method, guard, hasKey, repeatable, startNanos);
        }
        return decide(a, retryCall.onStatus(status, retryAfter));
    }

    synchronized int judgeFailure(AsyncAttempt a, Exception cause) {
        if (a.decision != AsyncAttempt.UNDECIDED) {
            return a.decision;
        }
        if (ended || !managed) {
            return a.decision = AsyncAttempt.FINAL;
        }
        FailureKind kind = ApacheAsyncAdapter.classify(cause);
        if (retryCall == null) {
            firstJudged = true;
            if (!policy.isRetryable(kind)) {
                adapter.firstAttemptFailed(host, method, guard);
                return a.decision = AsyncAttempt.FINAL;
            }
            retryCall = adapter.begin(policy, host, method, guard, hasKey, repeatable, startNanos);
        }
        return decide(a, retryCall.onFailure(kind));
    }

    private int decide(AsyncAttempt a, long delay) {
        if (delay == RetryCall.STOP) {
            return a.decision = AsyncAttempt.FINAL;
        }
        if (sent >= policy.maxAttempts()) { // the hard bound, whatever the engine was told
            retryCall.cancelled();
            return a.decision = AsyncAttempt.FINAL;
        }
        a.delayNanos = delay;
        return a.decision = AsyncAttempt.RETRY;
    }

    /**
     * The attempt could not be given its callback (an internal fault): it runs as the client's own. A
     * first attempt is the app's whole call, unmanaged; a re-send's outcome would never reach the call,
     * which ends now with an error rather than waiting forever.
     */
    void abandon(AsyncAttempt a) {
        synchronized (this) {
            described = true;
            a.decision = AsyncAttempt.FINAL;
            if (a.first) {
                managed = false;
                ended = true;
                return;
            }
            endEngineCall();
            ended = true;
        }
        IOException cause = new IOException("rebound: the re-send of this call could not be followed");
        if (future.fail(cause)) {
            bridge.failed(appCallback, cause);
        }
    }

    synchronized boolean isFinal(AsyncAttempt a) {
        return a.decision == AsyncAttempt.FINAL;
    }

    void completed(AsyncAttempt a, Object result) {
        synchronized (this) {
            if (a.decision == AsyncAttempt.RETRY && !ended) {
                scheduleResend(a);
                return;
            }
            if (a.decision == AsyncAttempt.UNDECIDED) {
                // No status reached rebound's consumer (another agent replaced it?): the attempt is final.
                a.decision = AsyncAttempt.FINAL;
                endUnjudged(true);
            }
            ended = true;
        }
        if (future.finish(result)) {
            bridge.completed(appCallback, result);
        }
    }

    void failed(AsyncAttempt a, Exception cause) {
        synchronized (this) {
            if (judgeFailure(a, cause) == AsyncAttempt.RETRY && !ended) {
                scheduleResend(a);
                return;
            }
            ended = true;
        }
        if (future.fail(cause)) {
            bridge.failed(appCallback, cause);
        }
    }

    /** The client cancelled an attempt itself (shut down, say); the app's own cancel comes to {@link #cancelledByApp}. */
    void cancelled(AsyncAttempt a) {
        synchronized (this) {
            if (a.decision == AsyncAttempt.UNDECIDED) {
                a.decision = AsyncAttempt.FINAL;
            }
            endEngineCall();
            ended = true;
        }
        if (future.cancelledByClient()) {
            bridge.cancelled(appCallback);
        }
    }

    /** The app cancelled its future: no further attempt; the one in flight is cancelled, its connection released. */
    void cancelledByApp() {
        Future<?> inFlight;
        synchronized (this) {
            endEngineCall();
            ended = true;
            if (pendingResend != null) {
                pendingResend.cancel(false);
                pendingResend = null;
            }
            inFlight = current != null ? current.future : null;
        }
        try {
            if (inFlight != null) {
                inFlight.cancel(true);
            }
        } finally {
            bridge.cancelled(appCallback);
        }
    }

    private void scheduleResend(AsyncAttempt a) {
        if (a.resendScheduled) {
            return;
        }
        a.resendScheduled = true;
        if (!traceReady) {
            traceReady = true;
            resendTrace = Traces.forResends(trace, -1, null);
        }
        pendingResend = ResendTimer.schedule(a.delayNanos, this);
    }

    /** The backoff is over: the next attempt, sent from the timer thread, which only hands it to the client. */
    @Override
    public void run() {
        synchronized (this) {
            pendingResend = null;
            if (ended) {
                return;
            }
        }
        Object resendContext;
        synchronized (this) {
            resendContext = resendTrace;
        }
        ResendMarks.Scope<AsyncCall> scope = AsyncCall.RESENDS.open(this);
        Future<?> returned = null;
        Exception thrown = null;
        Object traceScope = Traces.enter(resendContext);
        try {
            returned = bridge.resend(this);
        } catch (Exception e) {
            thrown = e;
        } catch (Throwable t) {
            thrown = new IOException(t);
        } finally {
            Traces.exit(traceScope);
            if (!AsyncCall.RESENDS.close(scope)) {
                STRAY.report();
                if (returned != null) {
                    returned.cancel(true);
                }
                if (thrown == null) {
                    thrown = new IOException("rebound: the re-send of this call was not managed");
                }
            }
        }
        if (thrown != null) {
            // The client refused the request (closed, say): that is the call's last word.
            synchronized (this) {
                endEngineCall();
                ended = true;
            }
            if (future.fail(thrown)) {
                bridge.failed(appCallback, thrown);
            }
        }
    }

    /** The engine hears once that the call ended without a further report. */
    private void endEngineCall() {
        if (ended || !managed) {
            return;
        }
        if (!firstJudged) {
            firstJudged = true;
            adapter.firstAttemptFailed(host, method, guard);
        } else if (retryCall != null) {
            retryCall.cancelled(); // a no-op when the engine already ended it
        }
    }

    private void endUnjudged(boolean answered) {
        if (!managed) {
            return;
        }
        if (!firstJudged) {
            firstJudged = true;
            if (answered) {
                adapter.firstAttemptFinal(host, method, guard);
            } else {
                adapter.firstAttemptFailed(host, method, guard);
            }
        } else if (retryCall != null) {
            retryCall.cancelled();
        }
    }
}
