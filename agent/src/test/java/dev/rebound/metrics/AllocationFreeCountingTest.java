package dev.rebound.metrics;

import com.sun.management.ThreadMXBean;
import dev.rebound.engine.Client;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.SkipCause;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** "Invisible when healthy": counting an event for a host seen before must not allocate. */
class AllocationFreeCountingTest {
    private static final int CALLS = 100_000;
    /**
     * Slack for one-off JVM work on this thread (a deoptimisation, say: 160 bytes were seen once); an
     * allocation per event would show as at least 16 bytes times {@link #CALLS}.
     */
    private static final long JVM_NOISE_BYTES = 1024;

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    // Copies, not literals: the engine passes strings from the request, not interned constants.
    private final String host = new String("api.example".toCharArray());
    private final String method = new String("GET".toCharArray());
    private final String status = new String("503".toCharArray());
    private final String timeout = new String("timeout".toCharArray());

    @Test
    void countingACallToAKnownHostAllocatesNothing() {
        MetricsRegistry registry = new MetricsRegistry(10);
        Runnable calls = () -> {
            for (int i = 0; i < CALLS; i++) {
                registry.callEnded(Client.HTTP_URL_CONNECTION, host, method, Outcome.OK);
            }
        };

        long allocated = allocatedAfterWarmUp(calls);
        assertTrue(allocated <= JVM_NOISE_BYTES, allocated + " bytes allocated by " + CALLS + " callEnded");
        assertEquals(3L * CALLS, registry.snapshot().get(0).rawValue());
    }

    @Test
    void countingRetriesAndSkipsToAKnownHostAllocatesNothing() {
        MetricsRegistry registry = new MetricsRegistry(10);
        Runnable events = () -> {
            for (int i = 0; i < CALLS; i++) {
                registry.retried(Client.JDK_HTTP_CLIENT, host, status, 5);
                registry.retried(Client.JDK_HTTP_CLIENT, host, timeout, 5);
                registry.retrySkipped(Client.JDK_HTTP_CLIENT, host, SkipCause.CIRCUIT);
            }
        };

        long allocated = allocatedAfterWarmUp(events);
        assertTrue(allocated <= JVM_NOISE_BYTES, allocated + " bytes allocated by " + 3 * CALLS + " retry events");
    }

    /**
     * Runs the work twice to warm up (first sight of the host, class and constant resolution, JIT), then
     * returns what a third run allocated beyond what reading the counter itself costs.
     */
    private long allocatedAfterWarmUp(Runnable work) {
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is not available on this JVM");
        long id = Thread.currentThread().getId();
        work.run();
        work.run();
        long emptyBefore = threads.getThreadAllocatedBytes(id);
        long emptyAfter = threads.getThreadAllocatedBytes(id);
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        long after = threads.getThreadAllocatedBytes(id);
        return (after - before) - (emptyAfter - emptyBefore);
    }
}
