package dev.rebound.client.urlconnection;

import dev.rebound.client.CallDepth;
import dev.rebound.engine.HostGuard;
import dev.rebound.engine.RetryCall;

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
    long startNanos;
    String host;
    String method;
    HostGuard guard;
    boolean replayable;
    boolean suppressJdkRetry;
    /** Null until the first attempt turned out to be a retry candidate. */
    RetryCall call;

    @Override
    protected void clear() {
        connection = null;
        host = null;
        method = null;
        guard = null;
        call = null;
        suppressJdkRetry = false;
    }
}
