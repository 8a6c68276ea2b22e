package dev.rebound.client.jdk;

import dev.rebound.engine.FailureKind;
import dev.rebound.engine.HostGuard;
import dev.rebound.engine.RetryCall;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One logical call through the JDK {@code HttpClient} that rebound manages. It stands in for the app's
 * body handler on every attempt, so the decision is taken as soon as status and headers arrive: a
 * response to retry gets a discarding subscriber (its connection goes back to the pool, nothing leaks,
 * even with {@code ofInputStream}), and only the final attempt reaches the app's own handler, exactly
 * once. The attempts' futures are chained without blocking any thread: the wait before a re-send is a
 * delayed task, and the re-send goes through the client's public {@code sendAsync}, on the client's own
 * executor when it has one.
 */
final class JdkCall implements HttpResponse.BodyHandler<Object> {
    /** {@link #decision} before the attempt's headers arrived. */
    private static final long NO_HEADERS = -2L;
    /** {@link #decision} once the attempt went to the app's handler: it is the final one. */
    private static final long DELIVERED = RetryCall.STOP;
    private static final VarHandle FIRST_CLAIMED;

    static {
        try {
            FIRST_CLAIMED = MethodHandles.lookup().findVarHandle(JdkCall.class, "firstClaimed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final JdkClientAdapter adapter;
    final HttpRequest request;
    private final HttpResponse.BodyHandler<Object> appHandler;
    private final HttpResponse.PushPromiseHandler<Object> pushHandler;
    final String host;
    final String method;
    final HostGuard guard;
    final long startNanos;

    /** Cleared when the call is over, so that a future the app keeps does not keep its client alive. */
    private volatile HttpClient client;
    /** 1 once the first attempt's outcome has been reported to the engine (or the call was cancelled first). */
    @SuppressWarnings("unused")
    private volatile int firstClaimed;
    /** Null until the first attempt turned out to be a retry candidate. */
    private volatile RetryCall call;
    /** The current attempt: NO_HEADERS, DELIVERED, or the delay before the next one (its body is discarded). */
    private volatile long decision = NO_HEADERS;
    private volatile CompletableFuture<?> current;
    private volatile CallFuture<Object> root;
    private volatile boolean cancelled;
    private volatile boolean interruptOnCancel;
    private volatile boolean delivered;
    /** 0 not yet known, 1 no, 2 yes. */
    private volatile int resendsResets;

    JdkCall(JdkClientAdapter adapter, HttpClient client, HttpRequest request,
            HttpResponse.BodyHandler<Object> appHandler, HttpResponse.PushPromiseHandler<Object> pushHandler,
            String host, String method, HostGuard guard, long startNanos) {
        this.adapter = adapter;
        this.client = client;
        this.request = request;
        this.appHandler = appHandler;
        this.pushHandler = pushHandler;
        this.host = host;
        this.method = method;
        this.guard = guard;
        this.startNanos = startNanos;
    }

    // ---- each attempt's status and headers (on a JDK thread)

    @Override
    public HttpResponse.BodySubscriber<Object> apply(HttpResponse.ResponseInfo info) {
        long d;
        try {
            d = onHeaders(info.statusCode(), info.headers());
        } catch (Throwable t) {
            JdkClientHooks.fault(t);
            d = DELIVERED;
        }
        decision = d < 0 ? DELIVERED : d;
        if (d >= 0) {
            return HttpResponse.BodySubscribers.replacing(null);
        }
        return appHandler.apply(info);
    }

    private long onHeaders(int status, HttpHeaders headers) {
        RetryCall c = call;
        if (c == null) {
            if (!claimFirst()) {
                return RetryCall.STOP; // cancelled before the response came: accounted for there
            }
            if (!adapter.isRetryable(status)) {
                adapter.firstAttemptFinal(this);
                return RetryCall.STOP;
            }
            c = open();
        }
        return c.onStatus(status, JdkClientAdapter.retryAfter(headers));
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
                endCancelled();
                return;
            }
            long d = decision;
            if (d == NO_HEADERS) {
                d = thrown != null ? onFailure(thrown) : unseenResponse();
            }
            if (d < 0) {
                deliver(response, thrown);
            } else {
                scheduleNext(d);
            }
        } catch (Throwable t) {
            JdkClientHooks.fault(t);
            RetryCall c = call;
            if (c != null) {
                c.cancelled();
            }
            if (!delivered) {
                deliver(response, thrown); // fail open: this attempt's outcome, as the JDK gave it
            }
        }
    }

    private long onFailure(Throwable thrown) {
        FailureKind kind = JdkClientAdapter.classify(thrown);
        RetryCall c = call;
        if (c == null) {
            if (!claimFirst()) {
                return RetryCall.STOP;
            }
            if (!adapter.isRetryable(kind)) {
                adapter.firstAttemptFinal(this);
                return RetryCall.STOP;
            }
            c = open();
        }
        return c.onFailure(kind);
    }

    /** A response whose headers the handler never saw; the JDK does not do this, but never leave a call open. */
    private long unseenResponse() {
        if (claimFirst()) {
            adapter.firstAttemptFinal(this);
        } else {
            RetryCall c = call;
            if (c != null) {
                c.cancelled();
            }
        }
        return RetryCall.STOP;
    }

    private void deliver(HttpResponse<Object> response, Throwable thrown) {
        delivered = true;
        client = null;
        if (thrown != null) {
            root.completeExceptionally(thrown);
        } else {
            root.complete(response);
        }
    }

    // ---- the next attempt

    private void scheduleNext(long delayNanos) {
        decision = NO_HEADERS;
        adapter.delays.schedule(delayNanos, this::resend);
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
        RetryCall c = call;
        if (c != null) {
            c.cancelled();
        }
        if (!delivered) {
            deliver(null, t);
        }
    }

    private void resendOrEnd() {
        HttpClient c = client;
        if (c == null || cancelled || root.isDone()) {
            cancelled = true;
            endCancelled();
            return;
        }
        Executor executor = c.executor().orElse(null);
        if (executor == null) {
            sendNext(); // sendAsync only hands the exchange to the client's own executor: it does not block
            return;
        }
        try {
            executor.execute(this::sendNextGuarded);
        } catch (RejectedExecutionException e) {
            sendNext(); // the client then reports its executor's refusal the way it always does
        }
    }

    private void sendNextGuarded() {
        try {
            sendNext();
        } catch (Throwable t) {
            abandon(t);
        }
    }

    private void sendNext() {
        HttpClient c = client;
        if (c == null || cancelled || root.isDone()) {
            cancelled = true;
            endCancelled();
            return;
        }
        CompletableFuture<HttpResponse<Object>> attempt;
        try {
            attempt = c.sendAsync(request, this, pushHandler);
        } catch (Throwable t) {
            onAttemptDone(null, t);
            return;
        }
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
        endCancelled();
    }

    /** Ends the call in the engine once, whoever gets here first. */
    private void endCancelled() {
        client = null;
        if (claimFirst()) {
            adapter.firstAttemptFinal(this);
            return;
        }
        RetryCall c = call;
        if (c != null) {
            c.cancelled();
        }
    }

    // ---- helpers

    boolean resendsResets() {
        int known = resendsResets;
        if (known == 0) {
            known = adapter.resendsResets(this) ? 2 : 1;
            resendsResets = known;
        }
        return known == 2;
    }

    private boolean claimFirst() {
        return FIRST_CLAIMED.compareAndSet(this, 0, 1);
    }

    private RetryCall open() {
        RetryCall c = adapter.begin(this);
        call = c;
        if (cancelled) {
            c.cancelled(); // the cancel may have looked for the call just before it existed
        }
        return c;
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
