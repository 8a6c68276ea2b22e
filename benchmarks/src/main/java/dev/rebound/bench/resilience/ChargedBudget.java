package dev.rebound.bench.resilience;

/**
 * rebound's outage protection as it was before issue 13, for comparison: a token bucket that every retry
 * pays one token from (requests earn {@code ratio}, time earns {@code perSecond}, {@code burst} at most,
 * starting full) and a breaker that stops retries after {@code threshold} failed retries in a row, letting one
 * probe through per {@code probeNanos}, closed by any answered attempt. Same arithmetic as the agent's classes
 * were, written plainly with a lock: only the decisions are compared here, not their cost.
 */
final class ChargedBudget implements RetryGuard {
    private final double ratio;
    private final double perSecond;
    private final double burst;
    private final int threshold;
    private final long probeNanos;
    private double tokens;
    private long refilledAt = System.nanoTime();
    private int failedRetries;
    private long nextProbe;

    ChargedBudget(double ratio, double perSecond, double burst, int threshold, long probeNanos) {
        this.ratio = ratio;
        this.perSecond = perSecond;
        this.burst = burst;
        this.threshold = threshold;
        this.probeNanos = probeNanos;
        this.tokens = burst;
    }

    @Override
    public synchronized void callStarted() {
        tokens = Math.min(burst, tokens + ratio);
    }

    @Override
    public synchronized boolean tryRetry() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
        if (failedRetries >= threshold) {
            if (now - nextProbe < 0 || tokens < 1) {
                return false;
            }
            nextProbe = now + probeNanos;
        } else if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    @Override
    public synchronized void attemptDone(boolean wasRetry, boolean ok) {
        if (ok) {
            failedRetries = 0;
        } else if (wasRetry && failedRetries < threshold && ++failedRetries == threshold) {
            nextProbe = System.nanoTime() + probeNanos;
        }
    }
}
