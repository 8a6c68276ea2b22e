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

    /** Trace headers for the re-send about to run, name and value in turn; {@link #traceHeaderCount} of them. */
    final String[] traceHeaders = new String[2 * UrlConnectionSetup.TRACE_HEADERS];
    private int traceHeaderCount;

    /**
     * A re-send's trace context, kept for the woven loop, which sets it on the connection's request header
     * table before the re-run: the JDK refuses {@code setRequestProperty} once connected, and
     * {@code disconnect()} leaves it connected once the response was read to its end.
     */
    @Override
    public void traceHeader(String name, String value) {
        if (traceHeaderCount < UrlConnectionSetup.TRACE_HEADERS) {
            traceHeaders[2 * traceHeaderCount] = name;
            traceHeaders[2 * traceHeaderCount + 1] = value;
            traceHeaderCount++;
        }
    }

    /** Right before a re-send: its trace headers replace the last re-send's. */
    void traceResend() {
        traceHeaderCount = 0;
        traceNextAttempt(this);
    }

    /** The i-th pending trace header's name (null past the last), or its value. */
    String traceHeader(int i, boolean value) {
        return i < traceHeaderCount ? traceHeaders[2 * i + (value ? 1 : 0)] : null;
    }

    @Override
    protected void clearClient() {
        traceHeaderCount = 0;
        if (traceHeaders[0] != null) {
            // Only after a traced re-send: the thread keeps this scratch, not the call's trace context.
            java.util.Arrays.fill(traceHeaders, null);
        }
        connection = null;
        suppressJdkRetry = false;
    }
}
