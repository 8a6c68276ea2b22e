package dev.rebound.client.okhttp;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The wait between two attempts of an async call, without holding an OkHttp dispatcher thread: one shared
 * daemon thread, started on the first retry, runs each re-send when its backoff is over. A re-send only
 * enqueues the next attempt with the app's dispatcher, so the thread is held for microseconds.
 */
final class Delays {
    private Delays() {
    }

    static void schedule(long delayNanos, Runnable task) {
        Holder.EXECUTOR.schedule(task, Math.max(0L, delayNanos), TimeUnit.NANOSECONDS);
    }

    private static final class Holder {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, new ThreadFactory() {
                @Override
                public Thread newThread(Runnable task) {
                    Thread t = new Thread(task, "rebound-okhttp-resend");
                    t.setDaemon(true);
                    t.setContextClassLoader(null); // never pins an app's class loader
                    return t;
                }
            });
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }
}
