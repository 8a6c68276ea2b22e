package dev.rebound.bench.resilience;

/**
 * What the upstream answers to one wire attempt. Decisions depend only on the call, the attempt's index
 * within it and the time since the run started, never on thread timing, so every policy meets exactly
 * the same failures for the same seed.
 */
@FunctionalInterface
public interface FailureScript {
    /** An answer: status and, when not null, a {@code Retry-After} value. */
    record Reply(int status, String retryAfter) {
        static final Reply OK = new Reply(200, null);
    }

    /**
     * @param callId  the app call ({@code X-Bench-Call})
     * @param attempt 0 for the first wire attempt of that call, 1 for the next...
     * @param sinceStartNanos time since the run's start signal
     */
    Reply reply(long callId, int attempt, long sinceStartNanos);

    /** Independent 502s with probability {@code p}, drawn from (seed, call, attempt). */
    static FailureScript transient502(long seed, double p) {
        return (callId, attempt, since) -> uniform(seed, callId, attempt) < p ? new Reply(502, null) : Reply.OK;
    }

    /** 502 for every attempt in [start, end), 200 otherwise. */
    static FailureScript outage(long startNanos, long endNanos) {
        return (callId, attempt, since) -> since >= startNanos && since < endNanos ? new Reply(502, null) : Reply.OK;
    }

    /** 503 with {@code Retry-After: seconds} for every attempt. */
    static FailureScript unavailable(long retryAfterSeconds) {
        Reply r = new Reply(503, Long.toString(retryAfterSeconds));
        return (callId, attempt, since) -> r;
    }

    /** A uniform double in [0, 1) that is a pure function of its inputs (SplitMix64 finaliser). */
    static double uniform(long seed, long callId, int attempt) {
        long z = seed + 0x9E3779B97F4A7C15L * (callId * 31 + attempt + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** S6: every call's first attempt gets 502, every later attempt 200. */
    static FailureScript failOnce() {
        Reply bad = new Reply(502, null);
        return (callId, attempt, since) -> attempt == 0 ? bad : Reply.OK;
    }

    /** S9: 502 for every attempt before {@code fullEnd}, independent 502s with p until {@code partialEnd}, then 200. */
    static FailureScript partial(long seed, long fullEndNanos, long partialEndNanos, double p) {
        Reply bad = new Reply(502, null);
        return (callId, attempt, since) -> since < fullEndNanos
                || (since < partialEndNanos && uniform(seed, callId, attempt) < p) ? bad : Reply.OK;
    }

    /** S7: every attempt is admitted as the upstream's capacity allows (see {@link Upstream.Capacity}). */
    static FailureScript capacityOnly() {
        return (callId, attempt, since) -> Reply.OK;
    }
}
