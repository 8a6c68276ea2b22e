package dev.rebound.client.apacheasync;

import dev.rebound.engine.Client;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.HostGuard;
import dev.rebound.engine.RetryCall;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.client.Failures;

/** Translates the Apache async clients' calls for the engine; every decision is the engine's. */
final class ApacheAsyncAdapter {
    final RetryEngine engine;
    final Client client;

    ApacheAsyncAdapter(RetryEngine engine, Client client) {
        this.engine = engine;
        this.client = client;
    }

    AsyncCall newCall(AsyncBridge bridge, Object httpClient, Object target, Object producer, Object consumer,
                      Object pushHandlers, Object context, Object appCallback) {
        return new AsyncCall(this, bridge, httpClient, target, producer, consumer, pushHandlers, context, appCallback,
                engine.now());
    }

    boolean enabledFor(String host, int port) {
        return engine.enabledFor(host, port);
    }

    HostGuard guard(String authority, String hostName, int port) {
        return engine.guard(authority, hostName, port);
    }

    /** The call's policy, chosen once (see {@code RetryRules}); {@code target} holds its path, or null. */
    RetryPolicy policyFor(String hostName, int port, String method, String target) {
        return engine.policyFor(hostName, port, method, target);
    }

    /** No app thread waits for an async call: no outer retrier is looked for on its stack. */
    RetryCall begin(RetryPolicy policy, String host, String method, HostGuard guard, boolean hasKey,
                    boolean repeatable, long start) {
        return engine.begin(policy, client, host, method, guard, hasKey, repeatable, start, null, null, null);
    }

    void firstAttemptFinal(String host, String method, HostGuard guard) {
        engine.firstAttemptFinal(client, host, method, guard);
    }

    void firstAttemptFailed(String host, String method, HostGuard guard) {
        engine.firstAttemptFailed(client, host, method, guard);
    }

    static FailureKind classify(Throwable cause) {
        return Failures.classify(cause);
    }
}
