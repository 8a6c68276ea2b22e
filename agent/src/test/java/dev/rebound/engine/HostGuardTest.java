package dev.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HostGuardTest {

    private static final long T0 = 987_654_321_000L;

    private final HostGuardTestClock clock = new HostGuardTestClock(T0);

    // ---- bursts of transient failures are retried at the defaults

    @Test
    void fiftyConcurrentFailuresOnAFreshHostAreAllRetried() {
        HostGuard g = new HostGuard(GuardPolicy.DEFAULTS, clock);
        for (int i = 0; i < 50; i++) {
            g.onRequest();
        }
        for (int i = 0; i < 50; i++) {
            g.onAttemptResult(false, false);
        }
        for (int i = 0; i < 50; i++) {
            assertNull(g.acquireRetry(), "retry " + i);
        }
        for (int i = 0; i < 50; i++) {
            g.onAttemptResult(true, true);
        }
        assertFalse(g.circuitOpen());
        assertEquals(100.0, g.retryTokens(), 1e-9, "every retry was answered: each token came back");
    }

    @Test
    void fiveHundredConcurrentFailOnceCallsOnAFreshHostAreAllRetried() {
        // Issue 15: 500 calls whose first attempt failed wait for their retry at once, at the defaults.
        // The bucket holds 100 + 0.2 x 500 tokens; a retry that is answered must cost none of them.
        HostGuard g = new HostGuard(GuardPolicy.DEFAULTS, clock);
        for (int i = 0; i < 500; i++) {
            g.onRequest();
            g.onAttemptResult(false, false);
        }
        for (int i = 0; i < 500; i++) {
            assertNull(g.acquireRetry(), "retry " + i);
        }
        for (int i = 0; i < 500; i++) {
            g.onAttemptResult(true, true);
        }
        assertFalse(g.circuitOpen());
        assertEquals(100.0, g.retryTokens(), 1e-9, "no retry failed: nothing was charged");
    }

    @Test
    void fiveHundredConcurrentCallsIntoAnOutageGetOneRetryEachThenTheBreakerAndTheDebtStopRetries() {
        // The other side of the test above: nothing tells this burst from that one until retries come back.
        HostGuard g = new HostGuard(GuardPolicy.DEFAULTS, clock);
        for (int i = 0; i < 500; i++) {
            g.onRequest();
            g.onAttemptResult(false, false);
            assertNull(g.acquireRetry(), "retry " + i);
        }
        for (int i = 0; i < 500; i++) {
            g.onAttemptResult(true, false);
        }
        assertTrue(g.circuitOpen());
        // The requests found the bucket full and earned nothing; the 500 failed retries all paid.
        assertEquals(100 - 500, g.retryTokens(), 1e-9, "every failed retry paid, into debt");
        assertEquals(SkipCause.CIRCUIT, g.acquireRetry());
        clock.advance(1, TimeUnit.SECONDS);
        assertEquals(SkipCause.BUDGET, g.acquireRetry(), "no probe before the debt is paid off");
        clock.advance(39, TimeUnit.SECONDS);
        assertEquals(SkipCause.BUDGET, g.acquireRetry(), "40 s at 10 per second only pays the debt");
        clock.advance(200, TimeUnit.MILLISECONDS);
        assertNull(g.acquireRetry(), "a probe as soon as a token is left");
    }

    @Test
    void retriesInFlightCostNothingUntilTheyFail() {
        GuardPolicy p = GuardPolicy.builder().budgetRatio(0).budgetMinPerSecond(0).budgetBurst(3)
                .circuitFailureThreshold(1_000).build();
        HostGuard g = new HostGuard(p, clock);
        for (int i = 0; i < 10; i++) {
            assertNull(g.acquireRetry(), "retry " + i + " in flight beside the others");
        }
        for (int i = 0; i < 10; i++) {
            g.onAttemptResult(true, true);
        }
        assertEquals(3.0, g.retryTokens(), 1e-9, "answered retries are free");
        for (int i = 0; i < 3; i++) {
            assertNull(g.acquireRetry());
            g.onAttemptResult(true, false);
        }
        assertEquals(SkipCause.BUDGET, g.acquireRetry(), "three failed retries spent the three tokens");
    }

    @Test
    void failOnceTrafficNeverRunsTheBudgetDry() {
        // Every first attempt fails and every retry is answered, for far more calls than the bucket holds.
        HostGuard g = new HostGuard(GuardPolicy.DEFAULTS, clock);
        for (int i = 0; i < 10_000; i++) {
            g.onRequest();
            g.onAttemptResult(false, false);
            assertNull(g.acquireRetry(), "call " + i);
            g.onAttemptResult(true, true);
        }
        assertEquals(100.0, g.retryTokens(), 1e-9);
    }

    @Test
    void thirtySequentialFailuresWithoutTimePassingAreAllRetried() {
        HostGuard g = new HostGuard(GuardPolicy.DEFAULTS, clock);
        for (int i = 0; i < 30; i++) {
            g.onRequest();
            g.onAttemptResult(false, false);
            assertNull(g.acquireRetry(), "call " + i);
            g.onAttemptResult(true, true);
        }
        assertFalse(g.circuitOpen());
        assertEquals(100.0, g.retryTokens(), 1e-9);
    }

    @Test
    void thirtySequentialFailedRetriesSpendTheirTokens() {
        GuardPolicy p = GuardPolicy.builder().circuitFailureThreshold(1_000).build();
        HostGuard g = new HostGuard(p, clock);
        for (int i = 0; i < 30; i++) {
            g.onRequest();
            g.onAttemptResult(false, false);
            assertNull(g.acquireRetry(), "call " + i);
            g.onAttemptResult(true, false);
        }
        // The first request found the bucket full; the other 29 each earned 0.2 of a token.
        assertEquals(100 - 30 + 29 * 0.2, g.retryTokens(), 1e-9);
    }

    // ---- breaker transitions

    @Test
    void opensAfterThresholdConsecutiveFailedRetries() {
        HostGuard g = new HostGuard(GuardPolicy.DEFAULTS, clock);
        for (int i = 0; i < 4; i++) {
            assertNull(g.acquireRetry());
            g.onAttemptResult(true, false);
            assertFalse(g.circuitOpen(), "after " + (i + 1) + " failed retries");
        }
        assertNull(g.acquireRetry());
        g.onAttemptResult(true, false);
        assertTrue(g.circuitOpen());
        assertEquals(SkipCause.CIRCUIT, g.acquireRetry());
        assertEquals(95.0, g.retryTokens(), 1e-9, "refused retries cost no budget");
    }

    @Test
    void unhealthyFirstAttemptsNeitherCountNorClose() {
        HostGuard g = new HostGuard(GuardPolicy.DEFAULTS, clock);
        for (int i = 0; i < 100; i++) {
            g.onAttemptResult(false, false);
        }
        assertFalse(g.circuitOpen(), "first attempts never open it");
        failRetries(g, 4);
        g.onAttemptResult(false, false);
        assertFalse(g.circuitOpen());
        failRetries(g, 1);
        assertTrue(g.circuitOpen(), "the streak of 4 survived the failed first attempt");
        g.onAttemptResult(false, false);
        assertTrue(g.circuitOpen(), "a failed first attempt does not close it");
    }

    @Test
    void healthyFirstAttemptClosesAndResetsTheStreak() {
        HostGuard g = new HostGuard(GuardPolicy.DEFAULTS, clock);
        failRetries(g, 5);
        assertTrue(g.circuitOpen());
        g.onAttemptResult(false, true);
        assertFalse(g.circuitOpen());
        assertNull(g.acquireRetry());
        failRetries(g, 4);
        assertFalse(g.circuitOpen(), "the count restarted from zero");
        g.onAttemptResult(false, true);
        failRetries(g, 4);
        assertFalse(g.circuitOpen(), "a healthy result in the middle of a streak resets it");
    }

    @Test
    void whileOpenOnlyOneProbePerInterval() {
        HostGuard g = new HostGuard(GuardPolicy.DEFAULTS, clock);
        failRetries(g, 5);
        clock.advance(999, TimeUnit.MILLISECONDS);
        assertEquals(SkipCause.CIRCUIT, g.acquireRetry(), "no probe before the interval");
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertNull(g.acquireRetry(), "probe at the interval");
        assertEquals(SkipCause.CIRCUIT, g.acquireRetry(), "only one per interval");
        g.onAttemptResult(true, false);
        assertTrue(g.circuitOpen(), "a failed probe keeps it open");
        List<Long> probes = new ArrayList<>();
        for (int ms = 0; ms < 70_000; ms += 10) {
            clock.advance(10, TimeUnit.MILLISECONDS);
            for (int k = 0; k < 5; k++) {
                if (g.acquireRetry() == null) {
                    probes.add(clock.nanoTime() - T0);
                    g.onAttemptResult(true, false);
                }
            }
        }
        // Each failed probe doubles the wait for the next (2, 4, 8, 16, 32 s), which stays at 32x the interval.
        List<Long> seconds = new ArrayList<>();
        for (long t : probes) {
            seconds.add(TimeUnit.NANOSECONDS.toSeconds(t));
        }
        assertEquals(List.of(3L, 7L, 15L, 31L, 63L), seconds);
    }

    @Test
    void retriesInFlightWhenTheCircuitOpensDoNotStretchTheProbeInterval() {
        HostGuard g = new HostGuard(GuardPolicy.DEFAULTS, clock);
        for (int i = 0; i < 20; i++) {
            assertNull(g.acquireRetry());
        }
        for (int i = 0; i < 20; i++) {
            g.onAttemptResult(true, false);
        }
        assertTrue(g.circuitOpen());
        clock.advance(1, TimeUnit.SECONDS);
        assertNull(g.acquireRetry(), "the first probe comes one interval after opening");
    }

    @Test
    void successfulProbeCloses() {
        HostGuard g = new HostGuard(GuardPolicy.DEFAULTS, clock);
        failRetries(g, 5);
        clock.advance(1, TimeUnit.SECONDS);
        assertNull(g.acquireRetry());
        g.onAttemptResult(true, true);
        assertFalse(g.circuitOpen());
        for (int i = 0; i < 10; i++) {
            assertNull(g.acquireRetry());
        }
    }

    @Test
    void probeWithoutBudgetIsRefusedAsBudgetAndTheSlotIsKept() {
        GuardPolicy p = GuardPolicy.builder().budgetRatio(0).budgetMinPerSecond(0).budgetBurst(5).build();
        HostGuard g = new HostGuard(p, clock);
        for (int i = 0; i < 5; i++) {
            assertNull(g.acquireRetry());
            g.onAttemptResult(true, false);
        }
        assertTrue(g.circuitOpen());
        assertEquals(0.0, g.retryTokens());
        clock.advance(1, TimeUnit.SECONDS);
        assertEquals(SkipCause.BUDGET, g.acquireRetry());
        assertEquals(SkipCause.BUDGET, g.acquireRetry(), "the unsent probe's slot was handed back");
    }

    @Test
    void budgetRefusesWhenEmptyAndRefillsOverTime() {
        GuardPolicy p = GuardPolicy.builder().budgetBurst(2).circuitFailureThreshold(1_000).build();
        HostGuard g = new HostGuard(p, clock);
        assertNull(failOneRetry(g));
        assertNull(failOneRetry(g));
        assertEquals(SkipCause.BUDGET, g.acquireRetry());
        clock.advance(100, TimeUnit.MILLISECONDS);
        assertNull(failOneRetry(g));
        for (int i = 0; i < 5; i++) {
            g.onRequest();
        }
        assertNull(failOneRetry(g));
        assertEquals(SkipCause.BUDGET, g.acquireRetry());
    }

    @Test
    void circuitProbeTimingSurvivesNanoTimeWrapAround() {
        HostGuardTestClock wrapping = new HostGuardTestClock(Long.MAX_VALUE - 300_000_000L);
        HostGuard g = new HostGuard(GuardPolicy.DEFAULTS, wrapping);
        failRetries(g, 5);
        wrapping.advance(900, TimeUnit.MILLISECONDS);
        assertEquals(SkipCause.CIRCUIT, g.acquireRetry());
        wrapping.advance(100, TimeUnit.MILLISECONDS);
        assertNull(g.acquireRetry());
    }

    // ---- observe mode

    @Test
    void peekGivesTheSameAnswerAndConsumesNothing() {
        GuardPolicy p = GuardPolicy.builder().budgetBurst(1).budgetMinPerSecond(0).build();
        HostGuard g = new HostGuard(p, clock);
        for (int i = 0; i < 10; i++) {
            assertNull(g.peekRetry());
        }
        assertEquals(1.0, g.retryTokens());
        assertNull(g.acquireRetry());
        assertNull(g.peekRetry(), "a retry in flight holds no token");
        g.onAttemptResult(true, false);
        assertEquals(SkipCause.BUDGET, g.peekRetry());
        assertEquals(SkipCause.BUDGET, g.acquireRetry());

        HostGuard open = new HostGuard(GuardPolicy.DEFAULTS, clock);
        failRetries(open, 5);
        assertEquals(SkipCause.CIRCUIT, open.peekRetry());
        clock.advance(1, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            assertNull(open.peekRetry(), "a due probe is reported, not taken");
        }
        assertNull(open.acquireRetry());
        assertEquals(SkipCause.CIRCUIT, open.peekRetry());
    }

    @Test
    void rejectsNulls() {
        assertThrows(NullPointerException.class, () -> new HostGuard(null, clock));
        assertThrows(NullPointerException.class, () -> new HostGuard(GuardPolicy.DEFAULTS, null));
    }

    // ---- concurrency

    @Test
    void concurrentFailedRetriesOverspendTheBucketByAtMostOnePerCaller() throws Exception {
        GuardPolicy p = GuardPolicy.builder().circuitFailureThreshold(1_000_000).build();
        HostGuard g = new HostGuard(p, clock);
        int threads = 4;
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger circuit = new AtomicInteger();
        runConcurrently(threads, () -> {
            for (int n = 0; n < 20_000; n++) {
                SkipCause c = g.acquireRetry();
                if (c == null) {
                    allowed.incrementAndGet();
                    g.onAttemptResult(true, false);
                } else if (c == SkipCause.CIRCUIT) {
                    circuit.incrementAndGet();
                }
            }
        });
        // With the clock standing still, the burst plus at most one retry per caller granted on the last
        // token; every failed retry paid, so the debt is exactly that overshoot.
        assertTrue(allowed.get() >= 100 && allowed.get() <= 100 + threads, "allowed " + allowed.get());
        assertEquals(0, circuit.get());
        assertEquals(100 - allowed.get(), g.retryTokens(), 1e-9);
    }

    @Test
    void concurrentAnsweredRetriesAreNeverRefused() throws Exception {
        HostGuard g = new HostGuard(GuardPolicy.DEFAULTS, clock);
        AtomicInteger refused = new AtomicInteger();
        runConcurrently(4, () -> {
            for (int n = 0; n < 20_000; n++) {
                g.onRequest();
                g.onAttemptResult(false, false);
                if (g.acquireRetry() != null) {
                    refused.incrementAndGet();
                }
                g.onAttemptResult(true, true);
            }
        });
        assertEquals(0, refused.get());
        assertEquals(100.0, g.retryTokens(), 1e-9);
    }

    @Test
    void concurrentFailedRetriesOpenOnceAndAllowOneProbe() throws Exception {
        HostGuard g = new HostGuard(GuardPolicy.DEFAULTS, clock);
        failRetries(g, 5);
        clock.advance(1, TimeUnit.SECONDS);
        AtomicInteger probes = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[4];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int n = 0; n < 10_000; n++) {
                    if (g.acquireRetry() == null) {
                        probes.incrementAndGet();
                        g.onAttemptResult(true, false);
                    }
                }
            });
            workers[i].start();
        }
        start.countDown();
        for (Thread t : workers) {
            t.join();
        }
        assertEquals(1, probes.get());
        assertTrue(g.circuitOpen());
        assertEquals(99.0, g.retryTokens(), 1e-9, "refilled to the cap in the second, then the failed probe");
    }

    /** Asks for a retry and, when granted, reports it failed. */
    private static SkipCause failOneRetry(HostGuard g) {
        SkipCause c = g.acquireRetry();
        if (c == null) {
            g.onAttemptResult(true, false);
        }
        return c;
    }

    private static void runConcurrently(int threads, Runnable body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                body.run();
            });
            workers[i].start();
        }
        start.countDown();
        for (Thread t : workers) {
            t.join();
        }
    }

    private static void failRetries(HostGuard g, int n) {
        for (int i = 0; i < n; i++) {
            g.onAttemptResult(true, false);
        }
    }
}
