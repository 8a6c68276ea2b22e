package dev.rebound.bench.resilience;

/**
 * The outage protection of one host, as {@link GuardedRetry} asks it: the alternatives to rebound's budget that
 * the scenarios compare, each behind the same retry loop so that only the guard differs. One per driver JVM
 * (one host), shared by all its calls; implementations are thread-safe.
 */
interface RetryGuard {
    /** A call begins (its first attempt is about to be sent). */
    default void callStarted() {
    }

    /** A call has ended, whatever its outcome. */
    default void callEnded() {
    }

    /** May this call send one more attempt now? A granted retry is reported to {@link #attemptDone} later. */
    boolean tryRetry();

    /** An attempt came back: a retry or a first attempt, answered ({@code ok}: not a retry candidate) or not. */
    void attemptDone(boolean wasRetry, boolean ok);

    /** Envoy's retry budget: active retries at most 20% of active requests, and never fewer than 3. */
    static RetryGuard envoy() {
        return new EnvoyBudget(0.2, 3);
    }

    /** gRPC's retry throttling with the values of its design document's example: maxTokens 10, tokenRatio 0.1. */
    static RetryGuard grpc() {
        return new GrpcThrottle(10, 0.1);
    }

    /** rebound's budget and breaker before issue 13: every retry charged, tokens from requests and time. */
    static RetryGuard chargedBudget() {
        return new ChargedBudget(0.5, 10, 100, 5, 1_000_000_000L);
    }
}
