package dev.rebound.client.apache;

import dev.rebound.engine.Client;

/**
 * What the Apache adapter needs to know of one HttpClient major version's requests and responses, with
 * the Apache types erased to Object. Implemented by a class that is defined into each class loader that
 * loads Apache HttpClient ({@code dev.rebound.client.apache4} / {@code apache5}), so it links against that
 * loader's own copy of the library; this interface and its caller live on the bootstrap path and name no
 * Apache type. Implementations only translate, are stateless and never block except in {@link #discard}.
 */
public interface ApacheBridge {
    Client client();

    /** The target's host name, or null when neither the target nor the request names one. */
    String host(Object target, Object request);

    /** The target's port as written, -1 when it has none. */
    int port(Object target, Object request);

    /** True for https, to find the effective port when none is written. */
    boolean secure(Object target, Object request);

    String method(Object request);

    /**
     * The request's path as the client holds it, for rules with a path: a path (a query may follow) or an
     * absolute URI; null when unknown. Read in place, never built.
     */
    String target(Object request);

    boolean hasHeader(Object request, String name);

    /** False when the request carries an entity that cannot be sent a second time byte for byte. */
    boolean replayable(Object request);

    int status(Object response);

    /** The first value of a response header, or null. */
    String header(Object response, String name);

    /**
     * Consumes a failed attempt's response so that its connection goes back to the pool: reads at most
     * {@link ResponseDrain#LIMIT} bytes, else aborts the connection, then closes the response. A body
     * read to its end stays on the response, in memory, in case the wait is interrupted and the response
     * goes to the app after all. Never throws.
     *
     * @return true when the connection may have gone back to the pool, false when it was dropped
     */
    boolean discard(Object response);

    /** Undoes what the client wrote onto the app's own request object during an attempt. */
    void beforeRetry(Object request);

    /** Sets header {@code name} on {@code request}, replacing any of that name (a re-send's trace context). */
    void setHeader(Object request, String name, String value);
}
