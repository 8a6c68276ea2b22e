package dev.rebound.engine;

import java.util.concurrent.TimeUnit;

/**
 * Outage protection settings for one host (the {@code budget.*} and {@code circuit.*} keys). Immutable;
 * built by {@link #builder()}, which rejects a bad value as soon as it is set, naming its key, so that the
 * configuration code can report that key and fall back to the default.
 */
public final class GuardPolicy {

    /** Config keys, also used in the builder's error messages. */
    public static final String KEY_BUDGET_RATIO = "budget.ratio";
    public static final String KEY_BUDGET_MIN_PER_SECOND = "budget.min-per-second";
    public static final String KEY_BUDGET_BURST = "budget.burst";
    public static final String KEY_CIRCUIT_FAILURE_THRESHOLD = "circuit.failure-threshold";
    public static final String KEY_CIRCUIT_PROBE_INTERVAL = "circuit.probe-interval";

    /** Highest accepted {@code budget.ratio}: ten retries per request would no longer be a budget. */
    public static final double MAX_BUDGET_RATIO = 10.0;

    public static final GuardPolicy DEFAULTS = builder().build();

    private final double budgetRatio;
    private final double budgetMinPerSecond;
    private final int budgetBurst;
    private final int circuitFailureThreshold;
    private final long circuitProbeIntervalNanos;

    private GuardPolicy(Builder b) {
        this.budgetRatio = b.budgetRatio;
        this.budgetMinPerSecond = b.budgetMinPerSecond;
        this.budgetBurst = b.budgetBurst;
        this.circuitFailureThreshold = b.circuitFailureThreshold;
        this.circuitProbeIntervalNanos = b.circuitProbeIntervalNanos;
    }

    /** A builder preset with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Retry tokens earned by each request (first attempt). Tokens pay only for retries that fail, so this
     * is the share of requests whose retries may fail before the host is left unretried.
     */
    public double budgetRatio() {
        return budgetRatio;
    }

    /** Retry tokens earned per second regardless of traffic, so that a quiet host can still retry. */
    public double budgetMinPerSecond() {
        return budgetMinPerSecond;
    }

    /**
     * Most tokens the budget holds; a fresh host starts with this many. Also the most retries that can be in
     * flight unanswered at once, since each holds its token until the host answers it.
     */
    public int budgetBurst() {
        return budgetBurst;
    }

    /** Consecutive failed retries that open the circuit. */
    public int circuitFailureThreshold() {
        return circuitFailureThreshold;
    }

    /** While open, one retry per this interval is let through as a probe; a failed probe doubles it (to 32x). */
    public long circuitProbeIntervalNanos() {
        return circuitProbeIntervalNanos;
    }

    /** Same settings: a change of other keys then keeps every host's guard as it is. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GuardPolicy)) {
            return false;
        }
        GuardPolicy g = (GuardPolicy) o;
        return Double.compare(budgetRatio, g.budgetRatio) == 0
                && Double.compare(budgetMinPerSecond, g.budgetMinPerSecond) == 0
                && budgetBurst == g.budgetBurst
                && circuitFailureThreshold == g.circuitFailureThreshold
                && circuitProbeIntervalNanos == g.circuitProbeIntervalNanos;
    }

    @Override
    public int hashCode() {
        long h = Double.doubleToLongBits(budgetRatio) * 31 + Double.doubleToLongBits(budgetMinPerSecond);
        h = h * 31 + budgetBurst;
        h = h * 31 + circuitFailureThreshold;
        h = h * 31 + circuitProbeIntervalNanos;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        return "GuardPolicy{" + KEY_BUDGET_RATIO + '=' + budgetRatio
                + ", " + KEY_BUDGET_MIN_PER_SECOND + '=' + budgetMinPerSecond
                + ", " + KEY_BUDGET_BURST + '=' + budgetBurst
                + ", " + KEY_CIRCUIT_FAILURE_THRESHOLD + '=' + circuitFailureThreshold
                + ", " + KEY_CIRCUIT_PROBE_INTERVAL + '=' + TimeUnit.NANOSECONDS.toMillis(circuitProbeIntervalNanos)
                + "ms}";
    }

    /** Single-threaded; each setter checks its argument at once. */
    public static final class Builder {
        private double budgetRatio = 0.2;
        private double budgetMinPerSecond = 10.0;
        private int budgetBurst = 100;
        private int circuitFailureThreshold = 5;
        private long circuitProbeIntervalNanos = TimeUnit.SECONDS.toNanos(1);

        private Builder() {
        }

        /** In [0, {@value #MAX_BUDGET_RATIO}]; 0 leaves only the time-based allowance. */
        public Builder budgetRatio(double ratio) {
            // Written so that NaN fails too.
            if (!(ratio >= 0.0 && ratio <= MAX_BUDGET_RATIO)) {
                throw new IllegalArgumentException(
                        KEY_BUDGET_RATIO + " must be between 0 and " + MAX_BUDGET_RATIO + ", was " + ratio);
            }
            this.budgetRatio = ratio;
            return this;
        }

        /** Finite and >= 0; 0 means retries are paid for by requests only. */
        public Builder budgetMinPerSecond(double perSecond) {
            if (!(perSecond >= 0.0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException(
                        KEY_BUDGET_MIN_PER_SECOND + " must be a finite number >= 0, was " + perSecond);
            }
            this.budgetMinPerSecond = perSecond;
            return this;
        }

        /** >= 1: a budget that can never hold one token would silently disable retries. */
        public Builder budgetBurst(int burst) {
            if (burst < 1) {
                throw new IllegalArgumentException(KEY_BUDGET_BURST + " must be >= 1, was " + burst);
            }
            this.budgetBurst = burst;
            return this;
        }

        public Builder circuitFailureThreshold(int threshold) {
            if (threshold < 1) {
                throw new IllegalArgumentException(
                        KEY_CIRCUIT_FAILURE_THRESHOLD + " must be >= 1, was " + threshold);
            }
            this.circuitFailureThreshold = threshold;
            return this;
        }

        public Builder circuitProbeIntervalNanos(long nanos) {
            if (nanos <= 0) {
                throw new IllegalArgumentException(
                        KEY_CIRCUIT_PROBE_INTERVAL + " must be > 0, was " + nanos + "ns");
            }
            this.circuitProbeIntervalNanos = nanos;
            return this;
        }

        public Builder circuitProbeInterval(long amount, TimeUnit unit) {
            if (amount <= 0) {
                throw new IllegalArgumentException(
                        KEY_CIRCUIT_PROBE_INTERVAL + " must be > 0, was " + amount + " " + unit);
            }
            return circuitProbeIntervalNanos(unit.toNanos(amount));
        }

        public GuardPolicy build() {
            return new GuardPolicy(this);
        }
    }
}
