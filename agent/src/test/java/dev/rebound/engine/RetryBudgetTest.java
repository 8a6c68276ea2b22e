package dev.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    private static final long MS = 1_000_000L;
    private static final long T0 = 123_456_789_000L;

    @Test
    void startsFullAndGrantsExactlyBurst() {
        RetryBudget b = new RetryBudget(0.5, 10, 100, T0);
        assertEquals(100, drain(b, T0));
        assertFalse(spend(b, T0));
    }

    @Test
    void requestsEarnRatioTokens() {
        RetryBudget b = new RetryBudget(0.5, 0, 10, T0);
        drain(b, T0);
        b.onRequest();
        assertFalse(spend(b, T0), "half a token is not a retry");
        for (int i = 0; i < 5; i++) {
            b.onRequest();
        }
        assertEquals(3000, b.milliTokens(T0));
        assertEquals(3, drain(b, T0));
    }

    @Test
    void timeEarnsMinPerSecondLazily() {
        RetryBudget b = new RetryBudget(0, 10, 100, T0);
        drain(b, T0);
        assertEquals(2500, b.milliTokens(T0 + 250 * MS));
        assertEquals(2, drain(b, T0 + 250 * MS));
        // The half token left over is still there, and 50 ms more completes it.
        assertEquals(500, b.milliTokens(T0 + 250 * MS));
        assertEquals(1, drain(b, T0 + 300 * MS));
    }

    @Test
    void frequentSmallStepsLoseNoTime() {
        RetryBudget b = new RetryBudget(0, 10, 100, T0);
        drain(b, T0);
        long now = T0;
        int granted = 0;
        // 37 us steps are below the 100 us it takes to earn one milli-token: a refill that threw away
        // its remainder would earn far less than 10 tokens over the second.
        for (int i = 0; i < 27_027; i++) {
            now += 37_000;
            if (spend(b, now)) {
                granted++;
            }
        }
        long elapsed = now - T0;
        assertEquals(elapsed / 100_000, granted * 1000L + b.milliTokens(now));
        assertEquals(9, granted);
    }

    @Test
    void capacityCapsRequestsAndTime() {
        RetryBudget b = new RetryBudget(10, 10, 20, T0);
        drain(b, T0);
        for (int i = 0; i < 100; i++) {
            b.onRequest();
        }
        assertEquals(20_000, b.milliTokens(T0));
        drain(b, T0);
        assertEquals(20_000, b.milliTokens(T0 + TimeUnit.HOURS.toNanos(5)));
        assertEquals(20, drain(b, T0 + TimeUnit.HOURS.toNanos(5)));
    }

    @Test
    void longIdleThenBurstGrantsOnlyCapacity() {
        RetryBudget b = new RetryBudget(0.5, 10, 100, T0);
        long later = T0 + TimeUnit.MINUTES.toNanos(10);
        assertEquals(100, drain(b, later), "idle time beyond a full bucket is not banked");
    }

    @Test
    void zeroRatesEarnNothing() {
        RetryBudget b = new RetryBudget(0, 0, 3, T0);
        drain(b, T0);
        b.onRequest();
        assertEquals(0, b.milliTokens(T0 + TimeUnit.DAYS.toNanos(1)));
        assertFalse(b.allows(T0 + TimeUnit.DAYS.toNanos(1)));
    }

    @Test
    void hasTokenConsumesNothing() {
        RetryBudget b = new RetryBudget(0, 10, 1, T0);
        for (int i = 0; i < 5; i++) {
            assertTrue(b.hasToken(T0));
        }
        assertTrue(spend(b, T0));
        assertFalse(b.hasToken(T0));
        assertFalse(b.hasToken(T0 + 99 * MS));
        assertTrue(b.hasToken(T0 + 100 * MS));
        assertTrue(b.hasToken(T0 + 100 * MS), "peeking twice still sees the same token");
        assertTrue(spend(b, T0 + 100 * MS));
    }

    @Test
    void survivesNanoTimeWrapAround() {
        long start = Long.MAX_VALUE - 50 * MS;
        RetryBudget b = new RetryBudget(0, 10, 100, start);
        drain(b, start);
        long after = start + 200 * MS; // overflows to a negative value
        assertTrue(after < start);
        assertEquals(2, drain(b, after));
    }

    @Test
    void concurrentCallersNeverSpendMoreThanWasEarned() throws Exception {
        HostGuardTestClock clock = new HostGuardTestClock(T0);
        RetryBudget b = new RetryBudget(0.5, 10, 100, T0);
        assertEquals(100, drain(b, T0));
        int threads = 4;
        int perThread = 50_000;
        AtomicLong granted = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads + 1];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                await(start);
                long mine = 0;
                for (int n = 0; n < perThread; n++) {
                    b.onRequest();
                    if (spend(b, clock.nanoTime())) {
                        mine++;
                    }
                }
                granted.addAndGet(mine);
            });
        }
        // The clock moves while they work, so refills race with acquires too.
        workers[threads] = new Thread(() -> {
            await(start);
            for (int n = 0; n < 2_000; n++) {
                clock.advanceNanos(MS / 2);
                Thread.yield();
            }
        });
        for (Thread t : workers) {
            t.start();
        }
        start.countDown();
        for (Thread t : workers) {
            t.join();
        }
        long now = clock.nanoTime();
        long earnedByTime = (now - T0) / 100_000;
        long earnedByRequests = 500L * threads * perThread;
        // Exact conservation: every failed retry paid its token. A grant and its charge are two steps, so
        // racing callers may each see the last token and the bucket may end at most one token per caller
        // in debt, never more.
        assertEquals(earnedByTime + earnedByRequests, granted.get() * 1000 + b.milliTokens(now));
        assertTrue(b.milliTokens(now) >= -threads * 1000L, "balance " + b.milliTokens(now));
        assertTrue(granted.get() >= threads * perThread / 2, "granted " + granted.get());
    }

    private static int drain(RetryBudget b, long now) {
        int n = 0;
        while (spend(b, now)) {
            n++;
        }
        return n;
    }

    /** A retry granted and then failed: the only kind the bucket pays for. */
    private static boolean spend(RetryBudget b, long now) {
        if (!b.allows(now)) {
            return false;
        }
        b.charge();
        return true;
    }

    @Test
    void answeredRetriesCostNothingHoweverManyAreInFlight() {
        RetryBudget b = new RetryBudget(0.2, 10, 100, T0);
        // 500 calls whose first attempt failed wait for their retry at once: every one may go.
        for (int i = 0; i < 500; i++) {
            b.onRequest();
            assertTrue(b.allows(T0), "retry " + i);
        }
        assertEquals(100_000, b.milliTokens(T0));
    }

    @Test
    void failedRetriesInFlightOnTheLastTokenLeaveADebtThatMustBePaidOff() {
        RetryBudget b = new RetryBudget(0, 10, 1, T0);
        // Three retries granted on the one token, all of which then fail.
        assertTrue(b.allows(T0));
        assertTrue(b.allows(T0));
        assertTrue(b.allows(T0));
        b.charge();
        b.charge();
        b.charge();
        assertEquals(-2000, b.milliTokens(T0));
        assertFalse(b.allows(T0 + 299 * MS), "two tokens of debt and one to spend: 300 ms at 10/s");
        assertTrue(b.allows(T0 + 310 * MS));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
