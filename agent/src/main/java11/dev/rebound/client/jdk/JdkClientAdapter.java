package dev.rebound.client.jdk;

import dev.rebound.client.Failures;
import dev.rebound.client.Hosts;
import dev.rebound.engine.Client;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.RetryCall;
import dev.rebound.engine.RetryEngine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Translates JDK {@code HttpClient} calls for the engine: request facts in, status or classified failure
 * out. Every decision is the engine's; {@link JdkCall} carries them out.
 */
final class JdkClientAdapter {
    static final Client CLIENT = Client.named("jdk-http-client");
    /**
     * Where the app's thread waits during a synchronous {@code send}, which the JDK runs on its async path:
     * the retry decision runs on a JDK thread, and only the frames below it show an outer retrier.
     */
    private static final String SEND_CLASS = "jdk.internal.net.http.HttpClientImpl";
    private static final String SEND_METHOD = "send";
    private final RetryEngine engine;
    final Delays delays;

    JdkClientAdapter(RetryEngine engine, Delays delays) {
        this.engine = engine;
        this.delays = delays;
    }

    /** A managed call for this request, or null when its host is not handled; as if made by {@code sendAsync}. */
    JdkCall newCall(Object client, Object request, Object handler, Object pushHandler) {
        return newCall(client, request, handler, pushHandler, null);
    }

    /**
     * A managed call for this request, or null when its host is not handled.
     *
     * @param syncCaller the thread that waits in {@code HttpClient.send} for this call; null for {@code sendAsync}
     */
    @SuppressWarnings("unchecked")
    JdkCall newCall(Object client, Object request, Object handler, Object pushHandler, Thread syncCaller) {
        HttpRequest r = (HttpRequest) request;
        URI uri = r.uri();
        String host = uri.getHost();
        if (host == null || !engine.enabledFor(host, effectivePort(uri))) {
            return null;
        }
        String authority = Hosts.authority(uri);
        EngineCall facts = new EngineCall(this, r, authority, r.method(), engine.guard(authority), engine.now(),
                syncCaller);
        return new JdkCall(delays, facts, (HttpClient) client,
                (HttpResponse.BodyHandler<Object>) handler, (HttpResponse.PushPromiseHandler<Object>) pushHandler);
    }

    RetryCall begin(EngineCall call) {
        return engine.begin(CLIENT, call.host, call.method, call.guard, hasIdempotencyKey(call.request),
                ReplayableBodies.isReplayable(call.request), call.startNanos, call.takeCaller(), SEND_CLASS, SEND_METHOD);
    }

    void firstAttemptFinal(EngineCall call) {
        engine.firstAttemptFinal(CLIENT, call.host, call.method, call.guard);
    }

    void firstAttemptFailed(EngineCall call) {
        engine.firstAttemptFailed(CLIENT, call.host, call.method, call.guard);
    }

    /** Would rebound re-send this call after a reset? Then the JDK's own re-send must stay off. */
    boolean resendsResets(EngineCall call) {
        return engine.policy().resendsResets()
                && engine.methodAllowsRetry(call.method, hasIdempotencyKey(call.request))
                && ReplayableBodies.isReplayable(call.request);
    }

    /**
     * Whether one more attempt keeps a call that sent {@code sent} within {@code max-attempts}. Time needs
     * no second check: the engine measures each call's age from its own start, which no report can move.
     */
    boolean mayResend(int sent) {
        return sent < engine.policy().maxAttempts();
    }

    boolean isRetryable(int status) {
        return engine.isRetryable(status);
    }

    boolean isRetryable(FailureKind kind) {
        return engine.isRetryable(kind);
    }

    static String retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").orElse(null);
    }

    /** The failure kind of an attempt's exception (as its future reports it), or null. */
    static FailureKind classify(Throwable thrown) {
        Throwable t = thrown;
        // Bounded, like Failures.classify: a cause chain may loop, and this runs on a JDK thread.
        for (int depth = 0; depth < 8 && (t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null; depth++) {
            t = t.getCause();
        }
        if (t instanceof HttpConnectTimeoutException) {
            return FailureKind.CONNECT_FAILURE;
        }
        if (t instanceof HttpTimeoutException) {
            return FailureKind.TIMEOUT;
        }
        return Failures.classify(t);
    }

    private boolean hasIdempotencyKey(HttpRequest request) {
        String header = engine.idempotencyHeader();
        return !header.isEmpty() && request.headers().firstValue(header).isPresent();
    }

    private static int effectivePort(URI uri) {
        int port = uri.getPort();
        if (port >= 0) {
            return port;
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
