package dev.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BackoffTest {
    private static final long MS = 1_000_000L;
    private static final long INITIAL = 100 * MS;
    private static final long MAX = 1000 * MS;

    private static Backoff backoff(Jitter jitter) {
        return new Backoff(INITIAL, MAX, 2.0, jitter);
    }

    /** The cap computed the slow, obvious way, to check the fast one against. */
    private static long expectedCap(int n) {
        long c = INITIAL;
        for (int i = 1; i < n && c < MAX; i++) {
            c *= 2;
        }
        return Math.min(c, MAX);
    }

    private static RandomSource fixed(double v) {
        return () -> v;
    }

    @Test
    void noneGrowsByTheMultiplierUpToTheCap() {
        Backoff b = backoff(Jitter.NONE);
        long[] expected = {100 * MS, 200 * MS, 400 * MS, 800 * MS, 1000 * MS, 1000 * MS};
        for (int n = 1; n <= expected.length; n++) {
            assertEquals(expected[n - 1], b.delayNanos(n, 0, fixed(0.3)), "retry " + n);
        }
    }

    @Test
    void fullIsTheDrawTimesTheCap() {
        Backoff b = backoff(Jitter.FULL);
        assertEquals(50 * MS, b.delayNanos(1, 0, fixed(0.5)));
        assertEquals(100 * MS, b.delayNanos(2, 0, fixed(0.5)));
        assertEquals(100 * MS, b.delayNanos(3, 0, fixed(0.25)));
        assertEquals(500 * MS, b.delayNanos(7, 0, fixed(0.5)));
        assertEquals(0, b.delayNanos(3, 0, fixed(0.0)));
    }

    @Test
    void equalKeepsHalfTheCap() {
        Backoff b = backoff(Jitter.EQUAL);
        assertEquals(50 * MS, b.delayNanos(1, 0, fixed(0.0)));
        assertEquals(75 * MS, b.delayNanos(1, 0, fixed(0.5)));
        assertEquals(600 * MS, b.delayNanos(4, 0, fixed(0.5)));
        assertEquals(750 * MS, b.delayNanos(9, 0, fixed(0.5)));
    }

    @Test
    void decorrelatedDrawsBetweenInitialAndThreeTimesThePrevious() {
        Backoff b = backoff(Jitter.DECORRELATED);
        // No previous delay: the previous counts as the initial one, so [100ms, 300ms].
        assertEquals(200 * MS, b.delayNanos(1, 0, fixed(0.5)));
        assertEquals(100 * MS, b.delayNanos(1, 0, fixed(0.0)));
        // Previous 200ms: [100ms, 600ms].
        assertEquals(350 * MS, b.delayNanos(2, 200 * MS, fixed(0.5)));
        // Previous 900ms: [100ms, 2700ms], capped at 1s.
        assertEquals(MAX, b.delayNanos(3, 900 * MS, fixed(0.9)));
        // The retry number plays no part.
        assertEquals(b.delayNanos(2, 200 * MS, fixed(0.4)), b.delayNanos(9, 200 * MS, fixed(0.4)));
    }

    @ParameterizedTest
    @EnumSource(Jitter.class)
    void everyDrawStaysInItsBounds(Jitter jitter) {
        Backoff b = backoff(jitter);
        Random seeded = new Random(20240601L);
        RandomSource r = seeded::nextDouble;
        long previous = 0;
        for (int i = 0; i < 20_000; i++) {
            int n = 1 + i % 12;
            long cap = expectedCap(n);
            long d = b.delayNanos(n, previous, r);
            switch (jitter) {
                case FULL:
                    assertTrue(d >= 0 && d <= cap, "full " + d + " cap " + cap);
                    break;
                case EQUAL:
                    assertTrue(d >= cap / 2 && d <= cap, "equal " + d + " cap " + cap);
                    break;
                case DECORRELATED: {
                    long upper = Math.min(MAX, Math.max(INITIAL, (previous <= 0 ? INITIAL : previous) * 3));
                    assertTrue(d >= INITIAL && d <= upper, "decorrelated " + d + " upper " + upper);
                    break;
                }
                default:
                    assertEquals(cap, d);
            }
            previous = d;
        }
    }

    @Test
    void drawsSpreadOverTheRange() {
        Backoff b = backoff(Jitter.FULL);
        Random seeded = new Random(7L);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 5_000; i++) {
            long d = b.delayNanos(5, 0, seeded::nextDouble);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(min < 20 * MS, "min " + min);
        assertTrue(max > 980 * MS, "max " + max);
    }

    @ParameterizedTest
    @EnumSource(Jitter.class)
    void hugeRetryNumbersAndMultipliersNeverOverflow(Jitter jitter) {
        Backoff wide = new Backoff(1_000L, Long.MAX_VALUE, 10.0, jitter);
        Backoff steep = new Backoff(INITIAL, MAX, 1e300, jitter);
        for (int n : new int[] {60, 61, 1000, Integer.MAX_VALUE}) {
            long d = wide.delayNanos(n, Long.MAX_VALUE, fixed(0.999));
            assertTrue(d >= 0, jitter + " n=" + n + " gave " + d);
            long s = steep.delayNanos(n, Long.MAX_VALUE / 2, fixed(0.999));
            assertTrue(s >= 0 && s <= MAX, jitter + " n=" + n + " gave " + s);
        }
        if (jitter == Jitter.NONE) {
            assertEquals(Long.MAX_VALUE, wide.delayNanos(60, 0, fixed(0.5)));
            assertEquals(MAX, steep.delayNanos(60, 0, fixed(0.5)));
        }
    }

    @ParameterizedTest
    @EnumSource(Jitter.class)
    void aRandomSourceOutsideZeroToOneIsClamped(Jitter jitter) {
        Backoff b = backoff(jitter);
        for (double bad : new double[] {-1.0, 1.0, 7.5, Double.NaN}) {
            long d = b.delayNanos(3, 0, fixed(bad));
            assertTrue(d >= 0 && d <= MAX, jitter + " with " + bad + " gave " + d);
        }
    }

    @Test
    void retryNumbersBelowOneCountAsTheFirst() {
        Backoff b = backoff(Jitter.NONE);
        assertEquals(INITIAL, b.delayNanos(0, 0, fixed(0.5)));
        assertEquals(INITIAL, b.delayNanos(-4, 0, fixed(0.5)));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(-1, MAX, 2.0, Jitter.FULL));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(INITIAL, INITIAL - 1, 2.0, Jitter.FULL));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(INITIAL, MAX, 0.5, Jitter.FULL));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(INITIAL, MAX, Double.NaN, Jitter.FULL));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(INITIAL, MAX, Double.POSITIVE_INFINITY, Jitter.FULL));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(INITIAL, MAX, 2.0, null));
    }
}
