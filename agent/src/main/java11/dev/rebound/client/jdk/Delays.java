package dev.rebound.client.jdk;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay without blocking anyone: the wait between two attempts of an async call. */
interface Delays {
    void schedule(long delayNanos, Runnable task);

    /**
     * The JDK's shared delay thread (one daemon for the whole JVM, started on first use). The task runs
     * right there; it only hands work on, so it holds that thread for microseconds.
     */
    Delays SHARED = (delayNanos, task) ->
            CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS, Runnable::run).execute(task);
}
