package dev.rebound.client.okhttp;

import java.io.IOException;

/**
 * What the OkHttp hooks need of one OkHttp version's calls, requests and responses, with OkHttp's types
 * erased to Object. Implemented in the {@code bridge} subpackage, which is defined into each class loader
 * that loads OkHttp, so it links against that loader's copy; this interface and its callers live on the
 * bootstrap path and name no OkHttp type. Implementations only translate and are stateless.
 */
public interface OkHttpBridge {
    /** The request of an interceptor chain ({@code Interceptor.Chain.request()}). */
    Object chainRequest(Object chain);

    /** The call of an interceptor chain, or null when this version's chain has none. */
    Object chainCall(Object chain);

    /** The call's original request ({@code Call.request()}). */
    Object callRequest(Object call);

    /** The request's host name. */
    String host(Object request);

    /** The request's port, 80 or 443 when its URL names none. */
    int port(Object request);

    /** True for https, whose default port is 443. */
    boolean secure(Object request);

    /** {@code host} or {@code host:port} when the port is not the scheme's default. */
    String authority(Object request);

    String method(Object request);

    /** The request's URL as text, held by OkHttp (not built): rules find its path in place. */
    String url(Object request);

    boolean hasHeader(Object request, String name);

    /** False when the request's body is one-shot or duplex: it is never sent a second time. */
    boolean replayable(Object request);

    int status(Object response);

    /** The last value of a response header, or null. */
    String header(Object response, String name);

    /**
     * Consumes a response that is about to be retried, so that its connection goes back to the pool: a
     * body of at most {@link #KEEP_LIMIT} bytes is read to its end and returned on a copy of the response,
     * in memory, in case the call ends with it after all; a longer one is closed unread. Never throws.
     *
     * @return the copy with the body kept, or null when the body was closed unread
     */
    Object discard(Object response);

    /** Closes a response nobody will read. Never throws. */
    void close(Object response);

    boolean isCanceled(Object call);

    void cancel(Object call);

    /** A stand-in {@code Callback} that hands every attempt's outcome to {@code attempts}. */
    Object standIn(AsyncAttempts attempts);

    /** {@code call.clone().enqueue(standIn)}; returns the clone. */
    Object resend(Object call, Object standIn);

    void deliverResponse(Object appCallback, Object call, Object response) throws IOException;

    void deliverFailure(Object appCallback, Object call, IOException failure);

    /** Bodies up to this size are read to their end before a retry. */
    int KEEP_LIMIT = 64 * 1024;
}
