package dev.rebound.sample;

/**
 * One HTTP client library, driven the way a plain legacy app would drive it. Implementations are
 * thread-safe: a run shares one caller between its worker threads, as an app shares its client.
 */
interface Caller extends AutoCloseable {

    /**
     * Sends the request once and reads the whole response body.
     *
     * @throws Exception whatever the client library throws; the app prints its class
     */
    Reply call(Request request) throws Exception;

    /** Releases the client's pooled resources, if it has any. */
    @Override
    default void close() {
    }
}
