package dev.rebound.client.jdk;

import dev.rebound.client.ResendMarks;
import dev.rebound.client.Failures;
import dev.rebound.client.OnceLine;
import dev.rebound.client.Traces;
import dev.rebound.engine.RetryCall;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * One logical call through the JDK {@code HttpClient} that rebound manages. It stands in for the app's
 * body handler on every attempt, so the decision is taken as soon as status and headers arrive: a
 * response to retry gets rebound's own subscriber, which reads it to its end (its connection goes back
 * to the pool, nothing leaks, even with {@code ofInputStream}), and only the final attempt reaches the app's own handler, exactly
 * once. The attempts' futures are chained without blocking any thread: the wait before a re-send is a
 * delayed task, and the re-send goes through the client's public {@code sendAsync}, on the client's own
 * executor when it has one. The retried response ({@link RetriedBody}) or failure is kept until the re-send
 * has an outcome of its own: when the client refuses the re-send (its executor shut down, the client
 * closed), or rebound fails, the app gets that response or exception, as it would have without rebound.
 */
final class JdkCall implements HttpResponse.BodyHandler<Object> {
    /** Marks the thread that re-sends one of these calls, so that the woven entry knows it. */
    static final ResendMarks<JdkCall> RESENDS = new ResendMarks<JdkCall>();

    /** {@link #decision} before the attempt's headers arrived. */
    private static final long NO_HEADERS = -2L;
    /** {@link #decision} once the attempt went to the app's handler: it is the final one. */
    private static final long DELIVERED = RetryCall.STOP;

    private final Delays delays;
    private final EngineCall engine;
    final HttpRequest request;
    private final HttpResponse.BodyHandler<Object> appHandler;
    private final HttpResponse.PushPromiseHandler<Object> pushHandler;

    /** Cleared when the call is over, so that a future the app keeps does not keep its client alive. */
    private volatile HttpClient client;
    /** The current attempt: NO_HEADERS, DELIVERED, or the delay before the next one (its body is kept aside). */
    private volatile long decision = NO_HEADERS;
    private volatile CompletableFuture<?> current;
    /** The response being retried, until the re-send has an outcome of its own; null otherwise. */
    private volatile HttpResponse<Object> held;
    /** Likewise the failure being retried (a connect failure, say), so that a refused re-send ends with it. */
    private volatile Throwable heldFailure;
    /** The re-send's future was already complete when {@code sendAsync} returned it. */
    private volatile boolean doneAtSend;
    private volatile CallFuture<Object> root;
    private volatile boolean cancelled;
    private volatile boolean interruptOnCancel;
    private volatile boolean delivered;
    /** Attempts this call put on the wire, the first included. */
    private volatile int sent = 1;
    /** Set on a path rebound did not expect: the current attempt is the last, whatever the engine says. */
    private volatile boolean halted;
    /** The caller's trace context (null without a tracing agent), taken on the caller's thread. */
    private final Object trace = Traces.capture();
    /** The context the re-sends run in, made at the first retry ({@link Traces#forResends}). */
    private volatile Object resendTrace;
    private volatile boolean retried;

    private static final OnceLine ASTRAY = new OnceLine("rebound: jdk-http-client: a re-send did not come back"
            + " through rebound's hook on its own thread (another agent?); such calls are not retried further");
    private static final OnceLine BOUND = new OnceLine("rebound: jdk-http-client: a call reached max-attempts"
            + " on an unexpected path; it is not retried further");

    JdkCall(Delays delays, EngineCall engine, HttpClient client,
            HttpResponse.BodyHandler<Object> appHandler, HttpResponse.PushPromiseHandler<Object> pushHandler) {
        this.delays = delays;
        this.engine = engine;
        this.request = engine.request;
        this.client = client;
        this.appHandler = appHandler;
        this.pushHandler = pushHandler;
    }

    // ---- each attempt's status and headers (on a JDK thread)

    @Override
    public HttpResponse.BodySubscriber<Object> apply(HttpResponse.ResponseInfo info) {
        long d;
        try {
            d = judge(info.statusCode(), info.headers(), null);
        } catch (Throwable t) {
            JdkClientHooks.fault(t);
            d = DELIVERED;
        }
        decision = d < 0 ? DELIVERED : d;
        if (d >= 0) {
            retrying(info.statusCode(), null);
            return new RetriedBody(info);
        }
        return appHandler.apply(info);
    }

    // ---- the future the app holds, and each attempt's completion

    /** The app's future for the first attempt's; a re-send of ours gets its own future back unchanged. */
    @SuppressWarnings("unchecked")
    Object attach(Object returned) {
        if (root != null) {
            return returned;
        }
        CompletableFuture<HttpResponse<Object>> attempt = (CompletableFuture<HttpResponse<Object>>) returned;
        CallFuture<Object> app = new CallFuture<>(this);
        root = app;
        current = attempt;
        attempt.whenComplete(this::onAttemptDone);
        return app;
    }

    private void onAttemptDone(HttpResponse<Object> response, Throwable thrown) {
        try {
            if (cancelled || root.isDone()) {
                cancelled = true;
                if (decision == DELIVERED) {
                    closeBody(response); // the app gave up on the call: nobody will read this body
                }
                end();
                return;
            }
            long d = decision;
            if (d == NO_HEADERS && thrown != null && holding() && refused(thrown)) {
                endWithHeld(thrown);
                return;
            }
            held = null;
            heldFailure = null;
            if (d == NO_HEADERS && thrown != null) {
                d = judge(-1, null, thrown);
            } else if (d == NO_HEADERS) {
                engine.end(); // a response the handler never saw: the JDK does not do this, but never leave a call open
                d = RetryCall.STOP;
            }
            if (d < 0) {
                deliver(response, thrown);
            } else {
                if (response == null) {
                    retrying(-1, thrown);
                }
                held = response;
                heldFailure = thrown;
                scheduleNext(d);
            }
        } catch (Throwable t) {
            JdkClientHooks.fault(t);
            if (holding()) {
                endWithHeld(t); // fail open: the response being retried, as the JDK gave it
                return;
            }
            engine.end();
            if (!delivered) {
                deliver(response, thrown); // fail open: this attempt's outcome, as the JDK gave it
            }
        }
    }

    /**
     * Did the client refuse the re-send rather than make it? Its executor's refusal surfaces as a
     * {@link RejectedExecutionException}, at once or when the client aborts its exchanges; a closed
     * client fails a send at once, with an exception that is no transport failure.
     */
    private boolean refused(Throwable thrown) {
        return Failures.causedBy(thrown, RejectedExecutionException.class)
                || doneAtSend && JdkClientAdapter.classify(thrown) == null;
    }

    private boolean holding() {
        return held != null || heldFailure != null;
    }

    /**
     * The re-send did not happen: the call ends with the response being retried, its kept body replayed
     * into the app's handler, or with the failure being retried; with {@code cause} only when that body was
     * too long to keep.
     */
    private void endWithHeld(Throwable cause) {
        HttpResponse<Object> response = held;
        Throwable failure = heldFailure;
        held = null;
        heldFailure = null;
        engine.end();
        Object body = response == null ? null : response.body();
        if (delivered || !(body instanceof RetriedBody) || !((RetriedBody) body).intact()) {
            if (!delivered) {
                deliver(null, response == null && failure != null ? failure : cause);
            }
            return;
        }
        RetriedBody kept = (RetriedBody) body;
        try {
            kept.replayInto(appHandler.apply(kept.info)).whenComplete((appBody, failed) -> {
                if (failed != null) {
                    deliver(null, failed);
                } else {
                    deliver(new KeptResponse(response, appBody), null);
                }
            });
        } catch (Throwable t) {
            deliver(null, t); // the app's own handler failed, as it would have on that response
        }
    }

    /** The current attempt's status and headers, or its failure, judged: the delay before the next one, or STOP. */
    private long judge(int status, HttpHeaders headers, Throwable thrown) {
        return halted ? endHalted() : bounded(engine.onAttempt(status, headers, thrown));
    }

    /**
     * The engine's delay, or STOP when another attempt would exceed {@code max-attempts} counted by what
     * this call itself put on the wire: then the call ends in the engine here. The engine keeps that bound
     * already; this holds it even if attempts went out by a path that never reported to the engine.
     */
    private long bounded(long delay) {
        if (delay < 0 || engine.mayResend(sent)) {
            return delay;
        }
        BOUND.report();
        return endHalted();
    }

    /** A halted call's attempt is its last: it ends in the engine, and the app gets the attempt's outcome. */
    private long endHalted() {
        engine.end();
        return RetryCall.STOP;
    }

    private void deliver(HttpResponse<Object> response, Throwable thrown) {
        delivered = true;
        client = null;
        held = null;
        heldFailure = null;
        if (thrown != null) {
            root.completeExceptionally(thrown);
        } else {
            root.complete(response);
        }
    }

    // ---- the next attempt

    /** The first retry's attempt ({@code status}, or -1 and {@code failure}) tells the trace how re-sends go on. */
    private void retrying(int status, Throwable failure) {
        if (!retried) {
            retried = true;
            resendTrace = Traces.forResends(trace, status, failure);
        }
    }

    private void scheduleNext(long delayNanos) {
        decision = NO_HEADERS;
        delays.schedule(delayNanos, this::resend);
    }

    /** On the shared delay thread: hands the re-send to the client's executor, if the app gave it one. */
    private void resend() {
        try {
            resendOrEnd();
        } catch (Throwable t) {
            abandon(t);
        }
    }

    /** Never leaves the app's future hanging, whatever went wrong in here. */
    private void abandon(Throwable t) {
        JdkClientHooks.fault(t);
        endWithHeld(t);
    }

    private void resendOrEnd() {
        HttpClient c = clientIfGoingOn();
        if (c == null) {
            return;
        }
        Executor executor = c.executor().orElse(null);
        if (executor == null) {
            sendNext(); // sendAsync only hands the exchange to the client's own executor: it does not block
            return;
        }
        if (executor instanceof ExecutorService && ((ExecutorService) executor).isShutdown()) {
            // Refused before the hand-off: a shut-down pool with a discarding rejection policy would drop
            // the task without a word, and the call would never end.
            endWithHeld(new RejectedExecutionException("the client's executor is shut down"));
            return;
        }
        try {
            executor.execute(this::sendNextGuarded);
        } catch (RejectedExecutionException e) {
            endWithHeld(e); // the client's sendAsync would be refused by that executor too
        }
    }

    /**
     * The client for the next step of the call, or null when the app gave up on the call meanwhile (or its
     * client was released): the call then ends here.
     */
    private HttpClient clientIfGoingOn() {
        HttpClient c = client;
        if (c == null || cancelled || root.isDone()) {
            cancelled = true;
            end();
            return null;
        }
        return c;
    }

    private void sendNextGuarded() {
        try {
            sendNext();
        } catch (Throwable t) {
            abandon(t);
        }
    }

    private void sendNext() {
        HttpClient c = clientIfGoingOn();
        if (c == null) {
            return;
        }
        sent++;
        CompletableFuture<HttpResponse<Object>> attempt = null;
        Throwable thrown = null;
        ResendMarks.Scope<JdkCall> scope = JdkCall.RESENDS.open(this);
        Object traceScope = Traces.enter(resendTrace);
        try {
            attempt = c.sendAsync(request, this, pushHandler);
        } catch (Throwable t) {
            thrown = t;
        } finally {
            Traces.exit(traceScope);
            if (!JdkCall.RESENDS.close(scope) && thrown == null) {
                // Not seen by the woven entry on this thread: whoever handled it may have taken it for a
                // new call. This attempt is the last; the answer it brings goes to the app.
                ASTRAY.report();
                halted = true;
            }
        }
        if (thrown != null) {
            endWithHeld(thrown); // thrown before anything was sent
            return;
        }
        doneAtSend = attempt.isDone();
        current = attempt;
        if (cancelled) {
            attempt.cancel(interruptOnCancel);
        }
        attempt.whenComplete(this::onAttemptDone);
    }

    // ---- cancellation by the app

    void cancelledByApp(boolean mayInterruptIfRunning) {
        if (delivered) {
            return;
        }
        interruptOnCancel = mayInterruptIfRunning;
        cancelled = true;
        CompletableFuture<?> attempt = current;
        if (attempt != null) {
            attempt.cancel(mayInterruptIfRunning);
        }
        CallFuture<Object> app = root;
        if (app != null && !app.isDone()) {
            app.completeExceptionally(new CancellationException("cancelled"));
        }
        end();
    }

    /** The call is over without a final answer for the app (cancelled): counted once, client released. */
    private void end() {
        client = null;
        held = null;
        heldFailure = null;
        engine.end();
    }

    // ---- helpers

    boolean resendsResets() {
        return engine.suppressJdkResend();
    }

    private static void closeBody(HttpResponse<Object> response) {
        Object body = response == null ? null : response.body();
        if (body instanceof AutoCloseable) {
            try {
                ((AutoCloseable) body).close();
            } catch (Exception ignored) {
                // best effort: the stream belongs to an abandoned call
            }
        }
    }
}
