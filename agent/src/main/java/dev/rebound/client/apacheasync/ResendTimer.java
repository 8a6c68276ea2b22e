package dev.rebound.client.apacheasync;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread that waits out the backoff of every Apache async call in the JVM, started on the
 * first retry. Its tasks only hand the request back to the client, which sends it from its own I/O
 * threads: nothing waits on the app's threads or the client's reactor.
 */
final class ResendTimer {
    private static final ScheduledThreadPoolExecutor TIMER;

    static {
        TIMER = new ScheduledThreadPoolExecutor(1, new ThreadFactory() {
            @Override
            public Thread newThread(Runnable task) {
                Thread t = new Thread(task, "rebound-apache-async-resend");
                t.setDaemon(true);
                return t;
            }
        });
        TIMER.setRemoveOnCancelPolicy(true);
        TIMER.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    private ResendTimer() {
    }

    static ScheduledFuture<?> schedule(long delayNanos, Runnable task) {
        return TIMER.schedule(task, Math.max(0L, delayNanos), TimeUnit.NANOSECONDS);
    }
}
