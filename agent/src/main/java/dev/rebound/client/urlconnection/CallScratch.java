package dev.rebound.client.urlconnection;

import dev.rebound.client.CallDepth;

import java.net.HttpURLConnection;

/**
 * Per-thread state of the exchange running in {@code getInputStream0}. A thread runs one exchange of a
 * connection at a time (the connection's lock is held), so a thread-local replaces locals that the woven
 * code cannot carry across the original body. Reused, so the success path allocates nothing.
 */
final class CallScratch extends CallDepth.Scratch {
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

    @Override
    protected void clearClient() {
        connection = null;
        suppressJdkRetry = false;
    }
}
