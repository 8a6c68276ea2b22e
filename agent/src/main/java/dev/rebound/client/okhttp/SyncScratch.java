package dev.rebound.client.okhttp;

import dev.rebound.client.CallDepth;

/**
 * Per-thread state of the synchronous call running in a woven follow-up loop: the woven code carries no
 * locals across the original body. Reused, so that the healthy path allocates nothing.
 */
final class SyncScratch extends CallDepth.Scratch {
    /** Runs of the woven {@code RealCall.execute()} under way on this thread. */
    int executeDepth;
    /**
     * The outermost {@code execute()} on this thread already had its follow-up loop managed: a later run
     * of it inside the same call (an app interceptor calling {@code proceed} again) is the app's own retry,
     * left alone. Survives {@link #clear()}; reset when an outermost {@code execute()} starts.
     */
    boolean managedInExecute;
    /** Set by the exit hook that asked for another run: the next entry continues the same call. */
    boolean rerun;
    /** Null when the call on this thread is not rebound's. */
    OkHttpBridge bridge;
    Object chain;
    Object request;
    /** Runs of the follow-up loop made for this call, the first included. */
    int runs;
    /** The engine's delay decided when the run returned a response; -1 for none (stop). */
    long pendingDelay;
    /** The run returned a response the engine has judged already. */
    boolean judged;

    /** One-entry cache of the host label, so that repeated calls to a host build no string. */
    private String lastHostName;
    private int lastPort;
    private boolean lastSecure;
    private String lastAuthority;

    /** {@code host} or {@code host:port}, as {@link OkHttpBridge#authority} gives it. */
    String authority(String hostName, int port, boolean secure) {
        if (port == lastPort && secure == lastSecure && hostName.equals(lastHostName)) {
            return lastAuthority;
        }
        String authority = port == (secure ? 443 : 80) ? hostName : hostName + ":" + port;
        lastHostName = hostName;
        lastPort = port;
        lastSecure = secure;
        lastAuthority = authority;
        return authority;
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
        chain = null;
        request = null;
        runs = 0;
        pendingDelay = -1;
        judged = false;
    }
}
