package dev.rebound.client.okhttp;

import dev.rebound.client.Failures;
import dev.rebound.engine.Client;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.RetryCall;
import dev.rebound.engine.RetryEngine;

/**
 * Translates asynchronous OkHttp calls ({@code Call.enqueue(Callback)}) for the engine: the app's callback
 * is replaced at the woven entry by a stand-in ({@link EnqueuedCall}) when rebound handles the host.
 */
final class AsyncCalls {
    private final RetryEngine engine;
    private final Client client;

    AsyncCalls(RetryEngine engine, Client client) {
        this.engine = engine;
        this.client = client;
    }

    /** The callback to enqueue {@code call} with: the app's own, or rebound's stand-in for it. */
    Object callbackFor(OkHttpBridge bridge, Object call, Object appCallback) {
        Object request = bridge.callRequest(call);
        if (!engine.enabledFor(bridge.host(request), bridge.port(request))) {
            return appCallback;
        }
        String host = bridge.authority(request);
        String key = engine.idempotencyHeader();
        EnqueuedCall enqueued = new EnqueuedCall(this, bridge, call, appCallback, host, bridge.method(request),
                engine.guard(host), !key.isEmpty() && bridge.hasHeader(request, key), bridge.replayable(request),
                engine.now());
        Object standIn = bridge.standIn(enqueued);
        enqueued.standIn = standIn;
        return standIn;
    }

    // ---- the engine, for one EnqueuedCall

    /** An attempt got {@code status}: the delay before the next one, or STOP. */
    long onStatus(EnqueuedCall c, int status, String retryAfter) {
        if (c.retryCall == null) {
            if (!engine.isRetryable(status)) {
                engine.firstAttemptEnded(client, c.host, c.method, c.guard, true);
                return RetryCall.STOP;
            }
            c.retryCall = begin(c);
        }
        return c.retryCall.onStatus(status, retryAfter);
    }

    /** An attempt failed in transport: the delay before the next one, or STOP. */
    long onFailure(EnqueuedCall c, Throwable thrown) {
        FailureKind kind = Failures.classify(thrown);
        if (c.retryCall == null) {
            if (!engine.isRetryable(kind)) {
                engine.firstAttemptEnded(client, c.host, c.method, c.guard, false);
                return RetryCall.STOP;
            }
            c.retryCall = begin(c);
        }
        return c.retryCall.onFailure(kind);
    }

    /** The hard bound: true while one more attempt keeps within max-attempts, whatever the engine was told. */
    boolean mayResend(int sent) {
        return sent < engine.policy().maxAttempts();
    }

    private RetryCall begin(EnqueuedCall c) {
        // No caller thread: the app's thread left enqueue long ago, its stack says nothing about this call.
        return engine.begin(client, c.host, c.method, c.guard, c.hasKey, c.replayable, c.startNanos,
                null, null, null);
    }
}
