package dev.rebound.client.apache;

import dev.rebound.client.Failures;
import dev.rebound.client.SyncAttempt;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.RetryCall;
import dev.rebound.engine.RetryEngine;

/**
 * Translates one Apache HttpClient call (a run of the client's {@code doExecute}) for the engine, for
 * both major versions: the {@link ApacheBridge} reads the version's types, the engine decides. A retry
 * re-runs the whole client, its own retry layer included: see README, "Apache HttpClient".
 */
public final class ApacheAdapter {
    private static final String RETRY_AFTER = "Retry-After";

    private final RetryEngine engine;

    public ApacheAdapter(RetryEngine engine) {
        this.engine = engine;
    }

    /** A new logical call starts on this thread. */
    void enter(ApacheScratch s, ApacheBridge bridge, Object target, Object request) {
        s.clear();
        String hostName = bridge.host(target, request);
        if (hostName == null) {
            return; // the client will fail on its own; nothing to retry
        }
        int port = bridge.port(target, request);
        int effectivePort = port >= 0 ? port : bridge.secure(target, request) ? 443 : 80;
        if (!engine.enabledFor(hostName, effectivePort)) {
            return;
        }
        s.bridge = bridge;
        s.request = request;
        s.start(engine, bridge.client(), s.authority(hostName, port), bridge.method(request), hostName, effectivePort,
                bridge.target(request));
    }

    /** The attempt just made returned {@code response} or threw {@code thrown}; true to make another. */
    boolean exit(ApacheScratch s, Object response, Throwable thrown) {
        ApacheBridge bridge = s.bridge;
        int status = thrown == null && response != null ? bridge.status(response) : -1;
        FailureKind kind = thrown != null ? Failures.classify(thrown) : null;
        if (s.discarded && Failures.isClosedBeforeResponse(thrown)) {
            // Closed before any byte of a response, right after rebound handed the previous response's
            // connection back to the pool: that pooled connection was dead (the server closed it after
            // the response without saying so), and the server never read this request. Not an attempt:
            // the same re-send runs again at once, once, on the next connection the pool gives (the
            // client has dropped the dead one).
            s.discarded = false;
            bridge.beforeRetry(s.request);
            s.rerun = true;
            return true;
        }
        s.discarded = false;
        RetryCall call = s.callFor(status, kind);
        if (call == null) {
            return false;
        }
        long delay = status >= 0 ? call.onStatus(status, bridge.header(response, RETRY_AFTER)) : call.onFailure(kind);
        s.traceAttemptEnded(status, thrown, delay >= 0);
        if (delay >= 0 && status >= 0) {
            // Before the wait, so that the connection serves other threads meanwhile. On a stop the app
            // gets this attempt's response as it is.
            // Only a connection handed back to the pool can be met dead by the re-send; on a fresh one a
            // response-less close means the server read the request, and is the attempt's outcome.
            s.discarded = bridge.discard(response);
        }
        if (!SyncAttempt.waitForNext(s, call, delay)) {
            return false;
        }
        bridge.beforeRetry(s.request);
        s.traceNextAttempt(s);
        s.rerun = true;
        return true;
    }
}
