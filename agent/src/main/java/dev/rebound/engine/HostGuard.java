package dev.rebound.engine;

/**
 * Per-host outage protection: a retry budget and an adaptive breaker. Never rejects a first attempt.
 * Thread-safe, lock-free, allocation-free.
 * STUB: the outage-protection work implements it; the signatures are the contract.
 */
public final class HostGuard {

    public HostGuard(GuardPolicy policy, Clock clock) {
    }

    /** Once per logical call, at its first attempt. Feeds the budget; never rejects. */
    public void onRequest() {
    }

    /** Asks to send one retry: null when allowed (budget consumed), else BUDGET or CIRCUIT. */
    public SkipCause acquireRetry() {
        return null;
    }

    /** As {@link #acquireRetry()} but consumes nothing: for observe mode. */
    public SkipCause peekRetry() {
        return null;
    }

    /**
     * The result of any attempt to this host. {@code healthy}: the host gave a response that is not a
     * retry candidate. {@code wasRetry}: the attempt was a retry (or probe) rather than the app's first.
     */
    public void onAttemptResult(boolean wasRetry, boolean healthy) {
    }

    public boolean circuitOpen() {
        return false;
    }
}
