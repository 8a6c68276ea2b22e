package dev.rebound.engine;

import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>Each probe that fails doubles the interval to the next one, up to {@value #MAX_PROBE_BACKOFF} times the
 * configured interval: a long outage then costs a handful of probes per process, so that a fleet of many
 * small processes, each with its own breaker, adds almost nothing to the load of the host they share.
 * Recovery is still seen at once by the app's own first attempts; the probes only matter for a host that
 * fails every first attempt and answers retries.
 *
 * <p>Lock-free and allocation-free. Concurrent results race benignly: a success and a failure arriving
 * together may leave the streak at either, which is as good as the order they really happened in.
 */
final class RetryBreaker {

    /** Cap of the probe interval's growth, as a multiple of the configured interval. */
    static final int MAX_PROBE_BACKOFF = 32;

    private final int threshold;
    private final long probeIntervalNanos;
    private final long maxProbeIntervalNanos;
    /** The interval before the next probe: the configured one, doubled by each failed probe. */
    private final AtomicLong currentIntervalNanos;
    /**
     * Set when a probe is sent, cleared by the next failed retry: only that failure doubles the interval, not
     * the retries that were already in flight when the circuit opened.
     */
    private final AtomicBoolean probeOutstanding = new AtomicBoolean();
    /** Consecutive failed retries, capped at the threshold; at the threshold the circuit is open. */
    private final AtomicInteger failedRetries = new AtomicInteger();
    /** While open, the earliest time of the next probe; meaningless while closed. */
    private final AtomicLong nextProbeNanos;

    RetryBreaker(int threshold, long probeIntervalNanos, long nowNanos) {
        this.threshold = threshold;
        this.probeIntervalNanos = probeIntervalNanos;
        this.maxProbeIntervalNanos = probeIntervalNanos > Long.MAX_VALUE / MAX_PROBE_BACKOFF
                ? Long.MAX_VALUE : probeIntervalNanos * MAX_PROBE_BACKOFF;
        this.currentIntervalNanos = new AtomicLong(probeIntervalNanos);
        this.nextProbeNanos = new AtomicLong(nowNanos);
    }

    /**
     * Right after construction: takes over {@code previous}'s state under this breaker's settings. An open
     * breaker stays open, its next probe no later than one new interval from now; a closed one stays closed,
     * its streak of failed retries capped one short of the new threshold.
     */
    void carryOver(RetryBreaker previous, long nowNanos) {
        if (previous.isOpen()) {
            long next = previous.nextProbeNanos.get();
            nextProbeNanos.set(next - (nowNanos + probeIntervalNanos) > 0 ? nowNanos + probeIntervalNanos : next);
            failedRetries.set(threshold);
        } else {
            failedRetries.set(Math.min(previous.failedRetries.get(), threshold - 1));
        }
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
                // Already open: capping keeps an hour-long outage from overflowing the streak; a failed
                // probe only makes the next one wait longer.
                if (probeOutstanding.get() && probeOutstanding.compareAndSet(true, false)) {
                    backOffProbes(nowNanos);
                }
                return;
            }
            if (n + 1 == threshold) {
                // Set before opening, so no thread can see the circuit open with a stale probe time and
                // probe at once. Harmless if the CAS below loses: the time only matters while open.
                currentIntervalNanos.set(probeIntervalNanos);
                probeOutstanding.set(false);
                nextProbeNanos.set(nowNanos + probeIntervalNanos);
            }
            if (failedRetries.compareAndSet(n, n + 1)) {
                return;
            }
        }
    }

    private void backOffProbes(long nowNanos) {
        long interval = currentIntervalNanos.get();
        long doubled = interval > maxProbeIntervalNanos / 2 ? maxProbeIntervalNanos : interval * 2;
        if (doubled != interval) {
            currentIntervalNanos.compareAndSet(interval, doubled);
        }
        // From the failure, not from the probe's start: the next probe waits the whole new interval.
        nextProbeNanos.set(nowNanos + currentIntervalNanos.get());
    }

    /** While open: claims the probe slot if it is due, so that exactly one caller per interval gets it. */
    boolean tryProbe(long nowNanos) {
        long next = nextProbeNanos.get();
        if (nowNanos - next >= 0 && nextProbeNanos.compareAndSet(next, nowNanos + currentIntervalNanos.get())) {
            probeOutstanding.set(true);
            return true;
        }
        return false;
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
        probeOutstanding.set(false);
        nextProbeNanos.compareAndSet(nowNanos + currentIntervalNanos.get(), nowNanos);
    }
}
