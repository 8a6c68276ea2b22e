package dev.rebound.client.jdk;

import dev.rebound.client.Failures;
import dev.rebound.client.Hosts;
import dev.rebound.engine.Client;
import dev.rebound.engine.FailureKind;
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
        int port = effectivePort(uri);
        if (host == null || !engine.enabledFor(host, port)) {
            return null;
        }
        EngineCall facts = new EngineCall(engine, r, Hosts.authority(uri), host, port, syncCaller);
        return new JdkCall(delays, facts, (HttpClient) client,
                (HttpResponse.BodyHandler<Object>) handler, (HttpResponse.PushPromiseHandler<Object>) pushHandler);
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

    private static int effectivePort(URI uri) {
        int port = uri.getPort();
        if (port >= 0) {
            return port;
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
