package dev.rebound.sample;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Makes {@code count} calls (numbered from 1) on a fixed thread pool and hands each result to a sink as
 * it completes. Every call yields exactly one result: one still running when the run's safety deadline
 * passes is reported as a {@link TimeoutException}.
 */
final class CallRunner {
    /** Generous per-call allowance for the deadline: several timed-out attempts plus backoff. */
    private static final int DEADLINE_ATTEMPTS = 6;
    private static final long DEADLINE_SLACK_MS = 10_000;

    private final Caller caller;
    private final Request request;
    private final int count;
    private final int concurrency;
    private final long deadlineMs;

    /** @param deadlineMs how long the whole run may take; see {@link #safetyDeadlineMs} */
    CallRunner(Caller caller, Request request, int count, int concurrency, long deadlineMs) {
        if (count < 1 || concurrency < 1 || deadlineMs < 1) {
            throw new IllegalArgumentException("count, concurrency and deadlineMs must be positive");
        }
        this.caller = caller;
        this.request = request;
        this.count = count;
        this.concurrency = concurrency;
        this.deadlineMs = deadlineMs;
    }

    /**
     * A deadline no healthy run reaches, even when something retries behind the client: it only
     * keeps a wedged call from hanging the app.
     */
    static long safetyDeadlineMs(int count, int concurrency, int timeoutMs) {
        long rounds = (count + concurrency - 1) / concurrency;
        return rounds * (DEADLINE_ATTEMPTS * (long) timeoutMs + DEADLINE_SLACK_MS);
    }

    /** @param sink called from worker threads, once per call; must be thread-safe */
    RunSummary run(Consumer<CallResult> sink) {
        AtomicReferenceArray<CallResult> results = new AtomicReferenceArray<>(count);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, count), daemonThreads());
        long start = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            int index = i;
            pool.execute(() -> report(results, callOnce(index), sink));
        }
        pool.shutdown();
        if (!awaitTermination(pool)) {
            // Timed-out calls get their line before their workers are interrupted, so that the
            // interruption cannot end them with another result first.
            for (int i = 1; i <= count; i++) {
                if (results.get(i - 1) == null) {
                    report(results, CallResult.failed(i, new TimeoutException(), elapsedMs(start)), sink);
                }
            }
            pool.shutdownNow();
        }
        return summarize(results);
    }

    private CallResult callOnce(int index) {
        long start = System.nanoTime();
        try {
            return CallResult.replied(index, caller.call(request), elapsedMs(start));
        } catch (Throwable t) {
            // Whatever the client (or anything woven into it) throws, the call still gets its line.
            return CallResult.failed(index, t, elapsedMs(start));
        }
    }

    /** The first result for a call wins; later ones (a straggler after the deadline) are dropped. */
    private static void report(AtomicReferenceArray<CallResult> results, CallResult result,
            Consumer<CallResult> sink) {
        if (results.compareAndSet(result.index() - 1, null, result)) {
            sink.accept(result);
        }
    }

    /** False when the deadline passed (or this thread was interrupted) with calls still running. */
    private boolean awaitTermination(ExecutorService pool) {
        try {
            return pool.awaitTermination(deadlineMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static RunSummary summarize(AtomicReferenceArray<CallResult> results) {
        int ok = 0;
        int errors = 0;
        for (int i = 0; i < results.length(); i++) {
            CallResult result = results.get(i);
            if (result.isOk()) {
                ok++;
            } else if (result.isError()) {
                errors++;
            }
        }
        return new RunSummary(results.length(), ok, errors);
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Daemon workers: a call stuck past the deadline must not keep the JVM alive. */
    private static ThreadFactory daemonThreads() {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "call-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
