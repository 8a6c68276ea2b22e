package dev.rebound.client.apacheasync;

import java.util.concurrent.Future;

/**
 * What rebound needs of one Apache async client version, its types erased to Object: the stand-ins that
 * wrap the app's producer, consumer and callback for one attempt, the re-send, and the app's callback.
 * Implemented by a class defined into each class loader that loads the library ({@code apacheasync4} /
 * {@code apacheasync5}); this interface and its callers live on the bootstrap path and name no library type.
 */
public interface AsyncBridge {
    /**
     * Reports the request's facts to {@link AsyncCall#facts} now if the arguments show them (4.1's producer
     * names its target and request); else the producer's stand-in reports them when it sends (5.x).
     */
    void describe(AsyncCall call, Object target, Object producer);

    /** Whether the producer can send its request and body again, byte for byte. */
    boolean repeatable(Object producer);

    /** True when the request (as handed to {@link AsyncCall#facts}) carries the header {@code name}. */
    boolean hasHeader(Object request, String name);

    /** The producer the client gets for the call's first attempt. */
    Object producerFor(AsyncCall call, Object producer);

    /** The app's response consumer behind a stand-in that sees the attempt before the app's consumer does. */
    Object consumerFor(AsyncAttempt attempt, Object consumer);

    /** A callback that reports the attempt's end to the call. */
    Object callbackFor(AsyncAttempt attempt);

    /** Sends the call's request again through the client's public API; returns that attempt's future. */
    Future<?> resend(AsyncCall call) throws Exception;

    /**
     * What the app's {@code Future.cancel} answers when it did cancel the call: the client's own future's
     * answer (4.1's wrapper cancels its exchange first, which settles the future, then answers false).
     */
    boolean cancelAnswer();

    void completed(Object appCallback, Object result);

    void failed(Object appCallback, Exception cause);

    void cancelled(Object appCallback);
}
