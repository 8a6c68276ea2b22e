package dev.rebound.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-host breaker on retries only: opens after a run of consecutive failed retries, lets one probe retry
 * through per interval while open, and closes at the first healthy response from the host.
 *
 * <p>It judges the host by retries because first attempts belong to the app and are never blocked: a
 * breaker that opened on first attempts could still not stop them, and counting them would make a burst
 * of transient failures on a fresh host look like an outage. A failed first attempt therefore neither
 * counts nor closes, but any healthy response, first attempt or retry, proves the host answers and closes
 * at once; there is no half-open state to wait through because the app's own traffic keeps probing.
 *
 * <p>Lock-free and allocation-free. Concurrent results race benignly: a success and a failure arriving
 * together may leave the streak at either, which is as good as the order they really happened in.
 */
final class RetryBreaker {

    private final int threshold;
    private final long probeIntervalNanos;
    /** Consecutive failed retries, capped at the threshold; at the threshold the circuit is open. */
    private final AtomicInteger failedRetries = new AtomicInteger();
    /** While open, the earliest time of the next probe; meaningless while closed. */
    private final AtomicLong nextProbeNanos;

    RetryBreaker(int threshold, long probeIntervalNanos, long nowNanos) {
        this.threshold = threshold;
        this.probeIntervalNanos = probeIntervalNanos;
        this.nextProbeNanos = new AtomicLong(nowNanos);
    }

    boolean isOpen() {
        return failedRetries.get() >= threshold;
    }

    /** A response that is not a retry candidate. Reads only when already closed. */
    void onHealthy() {
        if (failedRetries.get() != 0) {
            failedRetries.set(0);
        }
    }

    /** A retry (or probe) that got a retry candidate again. */
    void onRetryFailed(long nowNanos) {
        for (;;) {
            int n = failedRetries.get();
            if (n >= threshold) {
                // Already open: capping keeps an hour-long outage from overflowing or writing at all.
                return;
            }
            if (n + 1 == threshold) {
                // Set before opening, so no thread can see the circuit open with a stale probe time and
                // probe at once. Harmless if the CAS below loses: the time only matters while open.
                nextProbeNanos.set(nowNanos + probeIntervalNanos);
            }
            if (failedRetries.compareAndSet(n, n + 1)) {
                return;
            }
        }
    }

    /** While open: claims the probe slot if it is due, so that exactly one caller per interval gets it. */
    boolean tryProbe(long nowNanos) {
        long next = nextProbeNanos.get();
        return nowNanos - next >= 0 && nextProbeNanos.compareAndSet(next, nowNanos + probeIntervalNanos);
    }

    /** Whether {@link #tryProbe} would succeed now; writes nothing. */
    boolean probeDue(long nowNanos) {
        return nowNanos - nextProbeNanos.get() >= 0;
    }

    /**
     * Hands back a slot taken by {@link #tryProbe} at {@code nowNanos} whose probe was not sent (no
     * budget), so the next retry may probe instead of the host waiting a whole interval unprobed.
     */
    void releaseProbe(long nowNanos) {
        nextProbeNanos.compareAndSet(nowNanos + probeIntervalNanos, nowNanos);
    }
}
