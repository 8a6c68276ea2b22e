package dev.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Deterministic load simulations of one host behind a {@link HostGuard} at the default policy: a seeded
 * upstream, Poisson arrivals, and the retry loop the engine runs (up to 3 attempts, the guard asked
 * before each retry, 100-200 ms backoff). Calls overlap in time, so retries of earlier calls are in flight
 * when later calls arrive, as in a real app. Figures are printed for the design notes.
 */
class HostGuardSimulationTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final int MAX_ATTEMPTS = 3;
    private static final int CALLS_PER_SECOND = 100;

    /** Whether attempt number {@code attempt} (1 = first) sent at simulated time {@code t} gets a 502. */
    interface Upstream {
        boolean fails(long t, int attempt, Random rnd);
    }

    @Test
    void s1TransientFailuresAreRecoveredCheaply() {
        Sim sim = new Sim(11, (t, attempt, rnd) -> rnd.nextDouble() < 0.2).run(200 * S);

        double success = sim.successRate(0, 200 * S);
        double attemptsPerCall = sim.loadRatio(0, 200 * S);
        report("S1 transient p=0.2", "calls=%d success=%.2f%% attempts/call=%.3f skipped=%d",
                sim.calls, 100 * success, attemptsPerCall, sim.skipped);
        assertTrue(sim.calls > 19_000, "calls " + sim.calls);
        assertTrue(success >= 0.99, "success " + success);
        assertTrue(attemptsPerCall <= 1.25, "attempts/call " + attemptsPerCall);
    }

    @Test
    void s2OutageIsNotAmplifiedAndS3RecoveryIsImmediate() {
        long outageStart = 5 * S;
        long outageEnd = 35 * S;
        Sim sim = new Sim(22, (t, attempt, rnd) -> t >= outageStart && t < outageEnd).run(45 * S);

        double loadAfterFirstSecond = sim.loadRatio(outageStart + S, outageEnd);
        double loadWholeOutage = sim.loadRatio(outageStart, outageEnd);
        long retriesAfterFirstSecond = sim.sendsIn(outageStart + S, outageEnd)
                - sim.arrivalsIn(outageStart + S, outageEnd);
        long recovery = sim.firstCloseAfter(outageEnd) - outageEnd;
        double firstSecondSuccess = sim.successRate(outageEnd, outageEnd + S);
        report("S2 outage 30s", "load after 1st s=%.4f (whole outage %.4f), retries after 1st s=%d",
                loadAfterFirstSecond, loadWholeOutage, retriesAfterFirstSecond);
        report("S3 recovery", "closed %.1f ms after the outage, success in the 1st s after=%.2f%%",
                recovery / (double) MS, 100 * firstSecondSuccess);

        assertTrue(sim.openAt(outageStart + S), "open one second into the outage");
        assertTrue(loadAfterFirstSecond <= 1.05, "load " + loadAfterFirstSecond);
        // The only retries are the probes, each failed one doubling the wait for the next: 1, 2, 4, 8, 16 s.
        assertTrue(retriesAfterFirstSecond >= 3 && retriesAfterFirstSecond <= 5,
                "retries " + retriesAfterFirstSecond);
        assertTrue(recovery >= 0 && recovery < S, "recovery " + recovery);
        assertTrue(firstSecondSuccess >= 0.99, "success " + firstSecondSuccess);
        assertEquals(1.0, sim.successRate(0, outageStart), "healthy before");
    }

    @Test
    void outageAmidTransientNoiseLeavesTheBudgetForAfterwards() {
        long outageStart = 10 * S;
        long outageEnd = 40 * S;
        Sim sim = new Sim(33, (t, attempt, rnd) -> (t >= outageStart && t < outageEnd) || rnd.nextDouble() < 0.2)
                .run(140 * S);

        double load = sim.loadRatio(outageStart + S, outageEnd);
        double before = sim.successRate(0, outageStart);
        double after = sim.successRate(outageEnd + S, 140 * S);
        double afterAttempts = sim.loadRatio(outageEnd + S, 140 * S);
        report("outage + p=0.2 noise", "load in outage=%.4f, success before=%.2f%% after=%.2f%% "
                + "(attempts/call after=%.3f)", load, 100 * before, 100 * after, afterAttempts);

        assertTrue(load <= 1.05, "load " + load);
        assertTrue(after >= 0.99, "success after " + after);
        assertTrue(afterAttempts <= 1.25, "attempts/call after " + afterAttempts);
    }

    @Test
    void brownoutIsBoundedByTheBudget() {
        // 70% failures: the breaker keeps reopening and closing, so the budget is what bounds retries. It pays
        // only for the retries that fail; those the host answers are free.
        Sim sim = new Sim(44, (t, attempt, rnd) -> rnd.nextDouble() < 0.7).run(60 * S);

        double load = sim.loadRatio(0, 60 * S);
        GuardPolicy p = GuardPolicy.DEFAULTS;
        double earned = p.budgetRatio() * sim.calls + p.budgetMinPerSecond() * 60 + p.budgetBurst();
        // A retry is granted while the bucket holds a token and pays only when it fails, so the retries in
        // flight when the bucket runs dry can each fail beyond what was earned: at most that many, once.
        double failedBound = earned + sim.maxRetriesInFlight;
        report("brownout p=0.7", "attempts/call=%.3f, failed retries=%d (earned %.0f, bound with the %d retries "
                + "most in flight %.0f), success=%.2f%%", load, sim.failedRetries, earned, sim.maxRetriesInFlight,
                failedBound, 100 * sim.successRate(0, 60 * S));
        assertTrue(sim.failedRetries <= failedBound, "failed retries " + sim.failedRetries + " > " + failedBound);
        assertTrue(sim.maxRetriesInFlight < 50, "retries in flight " + sim.maxRetriesInFlight);
        // Each failed retry comes with 3/7 of one that was answered: the load stays well under 1.5.
        assertTrue(load <= 1.5, "load " + load);
        assertTrue(load > 1.05, "retries still help some calls: " + load);
    }

    @Test
    void s6FailOnceEverywhereIsAlwaysRetried() {
        // The Maven mirror: every first attempt 502, every retry answered. Each call needs exactly one
        // retry; a budget charged for every retry ran dry after a few seconds at 100 calls/s.
        Sim sim = new Sim(66, (t, attempt, rnd) -> attempt == 1).run(60 * S);

        double success = sim.successRate(0, 60 * S);
        double attemptsPerCall = sim.loadRatio(0, 60 * S);
        report("S6 fail-once", "calls=%d success=%.2f%% attempts/call=%.3f skipped=%d tokens left=%.1f",
                sim.calls, 100 * success, attemptsPerCall, sim.skipped, sim.guard.retryTokens());
        assertTrue(sim.calls > 5_500, "calls " + sim.calls);
        assertEquals(0, sim.skipped, "skipped retries");
        assertEquals(1.0, success, "success");
        assertEquals(2.0, (double) sim.sendCount / sim.calls, 1e-9, "attempts/call");
        assertFalse(sim.openAt(60 * S), "the breaker never opens: no retry fails");
    }

    @Test
    void s6FailOnceAfterAnOutageIsRetriedAgainOnceAProbeIsAnswered() {
        // The breaker opened in the outage; afterwards first attempts still fail, so only a probe can close it.
        long outageEnd = 10 * S;
        Sim sim = new Sim(67, (t, attempt, rnd) -> t < outageEnd || attempt == 1).run(70 * S);

        long closed = sim.firstCloseAfter(outageEnd) - outageEnd;
        double later = sim.successRate(outageEnd + 10 * S, 70 * S);
        report("outage then fail-once", "closed %.1f s after the outage, success from 10 s after=%.2f%%",
                closed / (double) S, 100 * later);
        // The probe interval doubled to at most 8 s during the 10 s outage (1 + 2 + 4 + 8 > 10).
        assertTrue(closed >= 0 && closed <= 8 * S + 200 * MS, "closed after " + closed);
        assertEquals(1.0, later, "success");
        assertEquals(2.0, sim.loadRatio(outageEnd + 10 * S, 70 * S), 0.01);
    }

    @Test
    void s9PartialOutageThenTransientFailures() {
        long fullEnd = 5 * S;
        long partialEnd = 25 * S;
        Sim sim = new Sim(99, (t, attempt, rnd) -> t < fullEnd || (t < partialEnd && rnd.nextDouble() < 0.2))
                .run(30 * S);

        // As S2 measures it: from the outage's first second, once the retries in flight at its start are spent.
        double fullLoad = sim.loadRatio(S, fullEnd);
        double partialSuccess = sim.successRate(fullEnd, partialEnd);
        double partialLoad = sim.loadRatio(fullEnd, partialEnd);
        report("S9 partial", "load in the 100%% phase after 1 s=%.4f (whole phase %.4f), 20%% phase success=%.2f%% "
                + "attempts/call=%.3f", fullLoad, sim.loadRatio(0, fullEnd), 100 * partialSuccess, partialLoad);
        assertTrue(fullLoad <= 1.05, "load " + fullLoad);
        assertTrue(partialSuccess >= 0.99, "success " + partialSuccess);
        assertTrue(partialLoad <= 1.25, "attempts/call " + partialLoad);
        assertEquals(1.0, sim.successRate(partialEnd + S, 30 * S), "healed");
    }

    @Test
    void simulationIsRepeatable() {
        Upstream flaky = (t, attempt, rnd) -> rnd.nextDouble() < 0.3;
        Sim a = new Sim(7, flaky).run(20 * S);
        Sim b = new Sim(7, flaky).run(20 * S);
        assertEquals(a.calls, b.calls);
        assertEquals(a.sendCount, b.sendCount);
        assertEquals(a.successRate(0, 20 * S), b.successRate(0, 20 * S));
        assertFalse(a.calls == 0);
    }

    private static void report(String scenario, String format, Object... args) {
        System.out.println("[guard-sim] " + scenario + ": " + String.format(format, args));
    }

    /** Discrete-event run: each event is one attempt of one call at one simulated time. */
    private static final class Sim {
        private final Random rnd;
        private final Upstream upstream;
        private final HostGuardTestClock clock;
        final HostGuard guard;
        private final long origin;
        /** Events as {time, sequence, call, attempt}; the sequence keeps same-time order stable. */
        private final PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) ->
                x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        private long sequence;

        private long[] arrival = new long[1024];
        private boolean[] succeeded = new boolean[1024];
        int calls;
        private long[] sends = new long[1024];
        int sendCount;
        private long[] transitions = new long[64];
        private boolean[] openedAt = new boolean[64];
        private int transitionCount;
        private boolean open;
        int skipped;
        int failedRetries;
        /** Most retries granted and not yet answered at one time. */
        int maxRetriesInFlight;
        private int retriesInFlight;

        Sim(long seed, Upstream upstream) {
            this.rnd = new Random(seed);
            this.upstream = upstream;
            // An arbitrary, non-zero nanoTime origin, as a real JVM has.
            this.origin = rnd.nextLong();
            this.clock = new HostGuardTestClock(origin);
            this.guard = new HostGuard(GuardPolicy.DEFAULTS, clock);
        }

        Sim run(long duration) {
            double meanGap = (double) S / CALLS_PER_SECOND;
            for (long t = 0; ; ) {
                t += (long) (-Math.log(1 - rnd.nextDouble()) * meanGap);
                if (t >= duration) {
                    break;
                }
                int call = newCall(t);
                queue.add(new long[] {t, sequence++, call, 1});
            }
            long[] e;
            while ((e = queue.poll()) != null) {
                attempt(e[0], (int) e[2], (int) e[3]);
            }
            return this;
        }

        private void attempt(long t, int call, int attempt) {
            clock.set(origin + t);
            if (attempt == 1) {
                guard.onRequest();
            } else {
                retriesInFlight--;
            }
            recordSend(t);
            boolean healthy = !upstream.fails(t, attempt, rnd);
            guard.onAttemptResult(attempt > 1, healthy);
            recordCircuit(t);
            if (!healthy && attempt > 1) {
                failedRetries++;
            }
            if (healthy) {
                succeeded[call] = true;
            } else if (attempt < MAX_ATTEMPTS) {
                if (guard.acquireRetry() == null) {
                    maxRetriesInFlight = Math.max(maxRetriesInFlight, ++retriesInFlight);
                    long backoff = 100 * MS + (long) (rnd.nextDouble() * 100 * MS);
                    queue.add(new long[] {t + backoff, sequence++, call, attempt + 1});
                } else {
                    skipped++;
                }
            }
        }

        private int newCall(long t) {
            if (calls == arrival.length) {
                arrival = Arrays.copyOf(arrival, calls * 2);
                succeeded = Arrays.copyOf(succeeded, calls * 2);
            }
            arrival[calls] = t;
            return calls++;
        }

        private void recordSend(long t) {
            if (sendCount == sends.length) {
                sends = Arrays.copyOf(sends, sendCount * 2);
            }
            sends[sendCount++] = t;
        }

        private void recordCircuit(long t) {
            boolean now = guard.circuitOpen();
            if (now == open) {
                return;
            }
            open = now;
            if (transitionCount == transitions.length) {
                transitions = Arrays.copyOf(transitions, transitionCount * 2);
                openedAt = Arrays.copyOf(openedAt, transitionCount * 2);
            }
            transitions[transitionCount] = t;
            openedAt[transitionCount++] = now;
        }

        long arrivalsIn(long from, long to) {
            long n = 0;
            for (int i = 0; i < calls; i++) {
                if (arrival[i] >= from && arrival[i] < to) {
                    n++;
                }
            }
            return n;
        }

        long sendsIn(long from, long to) {
            long n = 0;
            for (int i = 0; i < sendCount; i++) {
                if (sends[i] >= from && sends[i] < to) {
                    n++;
                }
            }
            return n;
        }

        /** Wire attempts sent in the window per call arriving in it. */
        double loadRatio(long from, long to) {
            return sendsIn(from, to) / (double) arrivalsIn(from, to);
        }

        /** Share of the calls arriving in the window that the app saw succeed. */
        double successRate(long from, long to) {
            long n = 0;
            long ok = 0;
            for (int i = 0; i < calls; i++) {
                if (arrival[i] >= from && arrival[i] < to) {
                    n++;
                    if (succeeded[i]) {
                        ok++;
                    }
                }
            }
            return ok / (double) n;
        }

        boolean openAt(long t) {
            boolean state = false;
            for (int i = 0; i < transitionCount && transitions[i] <= t; i++) {
                state = openedAt[i];
            }
            return state;
        }

        long firstCloseAfter(long t) {
            for (int i = 0; i < transitionCount; i++) {
                if (transitions[i] >= t && !openedAt[i]) {
                    return transitions[i];
                }
            }
            return Long.MAX_VALUE;
        }
    }
}
