package dev.rebound.engine;

/** Exponential backoff with jitter. Immutable and pure: every input comes in as an argument. */
public final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private final double multiplier;
    private final Jitter jitter;

    /**
     * @throws IllegalArgumentException when {@code initialNanos < 0}, {@code maxNanos < initialNanos},
     *         {@code multiplier} is not a finite number {@code >= 1}, or {@code jitter} is null
     */
    public Backoff(long initialNanos, long maxNanos, double multiplier, Jitter jitter) {
        if (initialNanos < 0) {
            throw new IllegalArgumentException("backoff initial delay must be >= 0, got " + initialNanos + "ns");
        }
        if (maxNanos < initialNanos) {
            throw new IllegalArgumentException("backoff max delay (" + maxNanos
                    + "ns) must be >= the initial delay (" + initialNanos + "ns)");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("backoff multiplier must be a finite number >= 1, got " + multiplier);
        }
        if (jitter == null) {
            throw new IllegalArgumentException("backoff jitter must not be null");
        }
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
        this.multiplier = multiplier;
        this.jitter = jitter;
    }

    /**
     * The delay before retry number {@code retryNumber} (1-based). {@code previousDelayNanos} is the delay
     * used before the previous retry (only {@link Jitter#DECORRELATED} reads it; {@code <= 0} means none).
     * Always in [0, maxNanos].
     */
    public long delayNanos(int retryNumber, long previousDelayNanos, RandomSource random) {
        switch (jitter) {
            case FULL:
                return scale(cap(retryNumber), random);
            case EQUAL: {
                long cap = cap(retryNumber);
                long half = cap / 2;
                return half + scale(cap - half, random);
            }
            case DECORRELATED: {
                long prev = previousDelayNanos <= 0 ? initialNanos : previousDelayNanos;
                long upper = prev > Long.MAX_VALUE / 3 ? Long.MAX_VALUE : prev * 3;
                upper = Math.max(upper, initialNanos);
                return Math.min(maxNanos, initialNanos + scale(upper - initialNanos, random));
            }
            default:
                return cap(retryNumber);
        }
    }

    /** min(max, initial * multiplier^(n-1)), computed in double so that no n or multiplier overflows. */
    long cap(int retryNumber) {
        int exponent = retryNumber <= 1 ? 0 : retryNumber - 1;
        double grown = initialNanos * Math.pow(multiplier, exponent);
        // NaN cannot occur (multiplier >= 1, initial >= 0 finite); infinity compares as too large.
        return grown >= maxNanos ? maxNanos : (long) grown;
    }

    /** A uniform draw in [0, bound], robust to a RandomSource that strays outside [0, 1). */
    private static long scale(long bound, RandomSource random) {
        double u = random.nextDouble();
        if (!(u > 0.0)) {
            return 0;
        }
        if (u >= 1.0) {
            return bound;
        }
        long v = (long) (u * bound);
        return v > bound ? bound : v;
    }

    public long initialNanos() {
        return initialNanos;
    }

    public long maxNanos() {
        return maxNanos;
    }

    public double multiplier() {
        return multiplier;
    }

    public Jitter jitter() {
        return jitter;
    }

    @Override
    public String toString() {
        return "Backoff{initial=" + initialNanos + "ns, max=" + maxNanos + "ns, multiplier=" + multiplier
                + ", jitter=" + jitter.label() + '}';
    }
}
