package dev.rebound.client.apache;

import dev.rebound.client.CallDepth;
import dev.rebound.client.Traces;

/**
 * Per-thread state of the logical call running in a woven {@code doExecute}: the woven code carries no
 * locals across the original body. A thread runs one call at a time; a call nested inside another (an
 * interceptor calling out) is left alone. Reused, so the healthy path allocates nothing.
 */
final class ApacheScratch extends CallDepth.Scratch implements Traces.Headers {
    /** Set by the exit hook that asked for another run: the next entry continues the same call. */
    boolean rerun;
    /** Null when the call on this thread is not rebound's (host not handled, no bridge). */
    ApacheBridge bridge;
    Object request;
    /**
     * Rebound discarded the last attempt's response and handed its connection back to the pool (not
     * aborted it), and has not re-run the attempt for a closed connection since.
     */
    boolean discarded;

    /** One-entry cache of the host label, so that repeated calls to a host build no string. */
    private String lastHostName;
    private int lastPort;
    private String lastAuthority;

    /** {@code host[:port]} as the request names it. */
    String authority(String hostName, int port) {
        if (port == lastPort && hostName.equals(lastHostName)) {
            return lastAuthority;
        }
        String authority = port < 0 ? hostName : hostName + ":" + port;
        lastHostName = hostName;
        lastPort = port;
        lastAuthority = authority;
        return authority;
    }

    /** A re-send's trace context, on the app's request, which the client copies for each run. */
    @Override
    public void traceHeader(String name, String value) {
        bridge.setHeader(request, name, value);
    }

    @Override
    protected boolean hasHeader(String name) {
        return bridge.hasHeader(request, name);
    }

    @Override
    protected boolean bodyReplayable() {
        return bridge.replayable(request);
    }

    @Override
    protected void clearClient() {
        rerun = false;
        bridge = null;
        request = null;
        discarded = false;
    }
}
