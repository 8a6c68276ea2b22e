package dev.rebound.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-host token bucket that pays for retries that fail: requests earn a fraction of a token, time earns a
 * steady trickle, a retry may go while the bucket holds a token, and only a retry that fails is
 * {@link #charge charged}. So the bucket limits the retries that fail (an outage, a brownout), never those
 * that succeed: a host that fails every first attempt and answers every retry costs nothing, however many
 * such calls wait for their retry at once. The balance may go below zero by the retries granted on the last
 * token that then fail; the onset of an outage (retries granted before the first of them has failed) is
 * bounded by the breaker, which opens after a few failed retries.
 * Lock-free and allocation-free.
 *
 * <p>Tokens are kept in milli-tokens in one {@link AtomicLong} so that a fractional ratio (0.5 per
 * request) and time accrual need no floating-point state and every change is a single CAS.
 *
 * <p>Time accrual is lazy (no timer thread): whoever next touches the bucket credits the time since
 * {@link #lastRefillNanos}. Two fields cannot be updated atomically together, so the thread that wins the
 * CAS on the timestamp claims that interval and then adds its tokens; a thread that loses simply skips
 * the refill. Each interval is therefore credited exactly once, but for the few nanoseconds between the
 * winner's two CASes other threads see the bucket without those tokens. The approximation only ever
 * denies a retry a moment early, never grants one that was not paid for.
 */
final class RetryBudget {

    /** One token in fixed point. */
    static final long MILLIS_PER_TOKEN = 1000L;

    private final long capacity;
    private final long perRequest;
    /** Time to earn one milli-token; infinite when there is no time accrual. */
    private final double nanosPerMilli;
    /** Smallest elapsed time worth a refill: below it the refill is skipped without any write. */
    private final long refillStepNanos;
    /** Time to earn one full bucket (not counting a debt); see {@link #fillNanos}. */
    private final double bucketNanos;

    private final AtomicLong milliTokens;
    private final AtomicLong lastRefillNanos;

    RetryBudget(double ratio, double minPerSecond, int burst, long nowNanos) {
        this.capacity = burst * MILLIS_PER_TOKEN;
        this.perRequest = Math.round(ratio * MILLIS_PER_TOKEN);
        if (minPerSecond > 0.0) {
            this.nanosPerMilli = 1e9 / (minPerSecond * MILLIS_PER_TOKEN);
            // Saturates at Long.MAX_VALUE for absurdly slow rates: no refill, which is what they mean.
            this.refillStepNanos = Math.max(1L, (long) Math.ceil(nanosPerMilli));
        } else {
            this.nanosPerMilli = Double.POSITIVE_INFINITY;
            this.refillStepNanos = Long.MAX_VALUE;
        }
        this.bucketNanos = capacity * nanosPerMilli;
        // A fresh host starts full so that a burst of transient failures right after start-up is retried.
        this.milliTokens = new AtomicLong(capacity);
        this.lastRefillNanos = new AtomicLong(nowNanos);
    }

    /** Right after construction: starts from another bucket's balance instead of full, capped at this capacity. */
    void carryOver(long balanceMilliTokens) {
        milliTokens.set(Math.min(capacity, balanceMilliTokens));
    }

    /** One request's share. Reads only when full, so a healthy host's calls write nothing shared. */
    void onRequest() {
        if (perRequest > 0) {
            add(perRequest);
        }
    }

    /** Whether a retry may go now: the bucket holds at least one token. Takes nothing: see {@link #charge}. */
    boolean allows(long nowNanos) {
        refill(nowNanos);
        return milliTokens.get() >= MILLIS_PER_TOKEN;
    }

    /**
     * A retry failed: it pays one token, into debt if need be. Retries granted on the last token and
     * still in flight all pay when they fail, so the failed retries never exceed what was earned plus the
     * retries that were in flight when the bucket ran dry (bounded by the app's own concurrency), and a
     * host in debt is not retried until time and requests have paid it off.
     */
    void charge() {
        milliTokens.addAndGet(-MILLIS_PER_TOKEN);
    }

    /** Whether {@link #allows} would succeed now; writes nothing. */
    boolean hasToken(long nowNanos) {
        return milliTokens(nowNanos) >= MILLIS_PER_TOKEN;
    }

    /** Current balance including time not yet credited, in milli-tokens; writes nothing. */
    long milliTokens(long nowNanos) {
        // Tokens before timestamp: a refill racing in between is then missed rather than counted twice.
        long t = milliTokens.get();
        long last = lastRefillNanos.get();
        long elapsed = nowNanos - last;
        if (elapsed < refillStepNanos) {
            return t;
        }
        long earned = elapsed >= fillNanos(t) ? capacity - Math.min(0L, t) : (long) (elapsed / nanosPerMilli);
        return Math.min(capacity, t + earned);
    }

    private void refill(long nowNanos) {
        long last = lastRefillNanos.get();
        // Wrap-safe, and negative when another thread already refilled up to a later clock reading.
        long elapsed = nowNanos - last;
        if (elapsed < refillStepNanos) {
            return;
        }
        long earned;
        long claimed;
        long t = milliTokens.get();
        if (elapsed >= fillNanos(t)) {
            // Enough to fill the bucket from the balance just read; a charge racing in still counts.
            earned = capacity - Math.min(0L, t);
            claimed = elapsed;
        } else {
            earned = (long) (elapsed / nanosPerMilli);
            if (earned <= 0) {
                return;
            }
            // Claim only the time actually paid out, so the remainder (< 1 milli-token) carries over
            // instead of being lost at every refill under heavy traffic.
            claimed = Math.min(elapsed, (long) Math.ceil(earned * nanosPerMilli));
        }
        if (lastRefillNanos.compareAndSet(last, last + claimed)) {
            add(earned);
        }
    }

    /** Time to fill the bucket from {@code t}, debt included; a longer gap simply fills it. */
    private double fillNanos(long t) {
        return t >= 0 ? bucketNanos : bucketNanos - t * nanosPerMilli;
    }

    private void add(long amount) {
        for (;;) {
            long t = milliTokens.get();
            if (t >= capacity) {
                return;
            }
            if (milliTokens.compareAndSet(t, Math.min(capacity, t + amount))) {
                return;
            }
        }
    }
}
