package dev.rebound.bench.resilience;

import java.io.IOException;
import java.net.URI;

/**
 * One HTTP client as an application uses it. Each implementation sends one request the plain way, reads
 * the whole response body and returns the status: the retry policies wrap this, and the agent (for the
 * rebound policy) instruments whatever the client does underneath.
 */
public interface AppClient {
    /** As in rebound's metrics: {@code http-url-connection}, {@code jdk-http-client}... */
    String name();

    /**
     * @param callId sent as {@link #CALL_HEADER} on every attempt, so the upstream can count attempts per call
     * @param body   request body, or null for none
     */
    int send(String method, URI uri, long callId, byte[] body) throws IOException;

    /** Tags each wire attempt with the app call it belongs to. */
    String CALL_HEADER = "X-Bench-Call";
}
