package dev.rebound.client.okhttp;

import dev.rebound.engine.Client;
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
        String hostName = bridge.host(request);
        int port = bridge.port(request);
        if (!engine.enabledFor(hostName, port)) {
            return appCallback;
        }
        String host = bridge.authority(request);
        String method = bridge.method(request);
        EnqueuedCall enqueued = new EnqueuedCall(bridge, call, appCallback, request);
        enqueued.start(engine, client, host, method, hostName, port, bridge.url(request));
        Object standIn = bridge.standIn(enqueued);
        enqueued.standIn = standIn;
        return standIn;
    }
}
