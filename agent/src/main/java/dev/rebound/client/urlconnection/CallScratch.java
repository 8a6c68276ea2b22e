package dev.rebound.client.urlconnection;

import dev.rebound.client.CallDepth;
import dev.rebound.client.Traces;

import java.net.HttpURLConnection;

/**
 * Per-thread state of the exchange running in {@code getInputStream0}. A thread runs one exchange of a
 * connection at a time (the connection's lock is held), so a thread-local replaces locals that the woven
 * code cannot carry across the original body. Reused, so the success path allocates nothing.
 */
final class CallScratch extends CallDepth.Scratch implements Traces.Headers {
    /** Nesting of {@code connect()} on this thread. */
    int connectDepth;
    /** The managed connection, or null when this exchange is not rebound's. */
    Object connection;
    boolean replayable;
    boolean suppressJdkRetry;

    @Override
    protected boolean hasHeader(String name) {
        return ((HttpURLConnection) connection).getRequestProperty(name) != null;
    }

    @Override
    protected boolean bodyReplayable() {
        return replayable;
    }

    /**
     * A re-send's trace context, for the connection. The JDK refuses a request property once connected, and
     * {@code disconnect()} does not always undo that (not once the response was read to its end): the
     * re-send then carries the first attempt's context, as without rebound (README, "Traces").
     */
    @Override
    public void traceHeader(String name, String value) {
        try {
            ((HttpURLConnection) connection).setRequestProperty(name, value);
        } catch (IllegalStateException alreadyConnected) {
            // the limit above: the attempt's span is still made, with its own outcome
        }
    }

    @Override
    protected void clearClient() {
        connection = null;
        suppressJdkRetry = false;
    }
}
