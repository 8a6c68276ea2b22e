package dev.rebound.client.jdk;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay without blocking anyone: the wait between two attempts of an async call. */
interface Delays {
    void schedule(long delayNanos, Runnable task);

    /**
     * The JDK's shared delay thread (one daemon for the whole JVM, started on first use). The task runs
     * right there; it only hands work on, so it holds that thread for microseconds.
     */
    Delays SHARED = new Shared();

    /** A class, not a lambda: installed at start-up, when an app may not have bootstrapped any lambda yet. */
    final class Shared implements Delays, Executor {
        @Override
        public void schedule(long delayNanos, Runnable task) {
            CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS, this).execute(task);
        }

        /** Runs the task on the delay thread itself. */
        @Override
        public void execute(Runnable task) {
            task.run();
        }
    }
}
