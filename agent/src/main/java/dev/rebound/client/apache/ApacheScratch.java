package dev.rebound.client.apache;

import dev.rebound.client.CallDepth;
import dev.rebound.engine.HostGuard;
import dev.rebound.engine.RetryCall;

/**
 * Per-thread state of the logical call running in a woven {@code doExecute}: the woven code carries no
 * locals across the original body. A thread runs one call at a time; a call nested inside another (an
 * interceptor calling out) is left alone. Reused, so the healthy path allocates nothing.
 */
final class ApacheScratch extends CallDepth.Scratch {
    /** Set by the exit hook that asked for another run: the next entry continues the same call. */
    boolean retrying;
    /** Null when the call on this thread is not rebound's (host not handled, no bridge). */
    ApacheBridge bridge;
    Object request;
    long startNanos;
    String host;
    String method;
    HostGuard guard;
    /** Null until the first attempt turned out to be a retry candidate. */
    RetryCall call;
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

    @Override
    protected void clear() {
        retrying = false;
        bridge = null;
        request = null;
        host = null;
        method = null;
        guard = null;
        call = null;
        discarded = false;
    }
}
