package dev.rebound.bench.resilience;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * rebound's default retry loop written in app code (3 attempts, 502/503/504 retried, full-jitter backoff
 * from 100 ms doubling to 1 s, no retry ending later than 10 s after the call began) with a pluggable
 * {@link RetryGuard}: the alternatives differ from each other, and from the agent, only in that guard.
 * The app client hands back only the status, so Retry-After is not read here (S5 is the agent's case).
 */
final class GuardedRetry implements AppRetry {
    private static final int MAX_ATTEMPTS = 3;
    private static final long INITIAL_NANOS = 100_000_000L;
    private static final long MAX_NANOS = 1_000_000_000L;
    private static final long MAX_ELAPSED_NANOS = 10_000_000_000L;

    private final RetryGuard guard;

    GuardedRetry(RetryGuard guard) {
        this.guard = guard;
    }

    @Override
    public int call(Attempt attempt) throws Exception {
        long start = System.nanoTime();
        guard.callStarted();
        try {
            for (int n = 1; ; n++) {
                try {
                    int status = attempt.run();
                    guard.attemptDone(n > 1, true);
                    return status;
                } catch (HttpStatusException e) {
                    boolean candidate = e.status == 502 || e.status == 503 || e.status == 504;
                    guard.attemptDone(n > 1, !candidate);
                    if (!candidate || n == MAX_ATTEMPTS) {
                        throw e;
                    }
                    long cap = Math.min(MAX_NANOS, INITIAL_NANOS << (n - 1));
                    long delay = (long) (ThreadLocalRandom.current().nextDouble() * cap);
                    if (System.nanoTime() - start + delay > MAX_ELAPSED_NANOS || !guard.tryRetry()) {
                        throw e;
                    }
                    Thread.sleep(delay / 1_000_000L, (int) (delay % 1_000_000L));
                } catch (IOException e) {
                    guard.attemptDone(n > 1, false);
                    throw e;
                }
            }
        } finally {
            guard.callEnded();
        }
    }
}
