package dev.rebound.bench.resilience;

/**
 * gRPC's retry throttling (gRFC A6): a token count starting at {@code maxTokens}; each failed attempt takes
 * one token (not below 0), each answered one gives {@code tokenRatio} back (not above the maximum); retries
 * are allowed only while more than half the tokens are left.
 */
final class GrpcThrottle implements RetryGuard {
    private final double maxTokens;
    private final double tokenRatio;
    private double tokens;

    GrpcThrottle(double maxTokens, double tokenRatio) {
        this.maxTokens = maxTokens;
        this.tokenRatio = tokenRatio;
        this.tokens = maxTokens;
    }

    @Override
    public synchronized boolean tryRetry() {
        return tokens > maxTokens / 2;
    }

    @Override
    public synchronized void attemptDone(boolean wasRetry, boolean ok) {
        tokens = ok ? Math.min(maxTokens, tokens + tokenRatio) : Math.max(0, tokens - 1);
    }
}
