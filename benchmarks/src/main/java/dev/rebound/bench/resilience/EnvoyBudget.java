package dev.rebound.bench.resilience;

/**
 * Envoy's {@code retry_budget}: a retry may start while the retries outstanding are fewer than
 * {@code percent} of the requests outstanding, or than {@code minConcurrency}. Requests outstanding are the
 * calls in progress (waiting for a retry included); a retry is outstanding from its grant to its answer.
 */
final class EnvoyBudget implements RetryGuard {
    private final double percent;
    private final int minConcurrency;
    private int activeRequests;
    private int activeRetries;

    EnvoyBudget(double percent, int minConcurrency) {
        this.percent = percent;
        this.minConcurrency = minConcurrency;
    }

    @Override
    public synchronized void callStarted() {
        activeRequests++;
    }

    @Override
    public synchronized void callEnded() {
        activeRequests--;
    }

    @Override
    public synchronized boolean tryRetry() {
        if (activeRetries < Math.max(minConcurrency, percent * activeRequests)) {
            activeRetries++;
            return true;
        }
        return false;
    }

    @Override
    public synchronized void attemptDone(boolean wasRetry, boolean ok) {
        if (wasRetry) {
            activeRetries--;
        }
    }
}
