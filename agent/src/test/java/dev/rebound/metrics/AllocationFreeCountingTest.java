package dev.rebound.metrics;

import dev.rebound.engine.Client;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.SkipCause;
import dev.rebound.testing.Allocations;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Invisible when healthy": counting an event for a host seen before must not allocate. */
class AllocationFreeCountingTest {
    private static final int CALLS = 100_000;
    /**
     * Slack for one-off JVM work on this thread (a deoptimisation, say: 160 bytes were seen once); an
     * allocation per event would show as at least 16 bytes times {@link #CALLS}.
     */
    private static final long JVM_NOISE_BYTES = 1024;

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
                registry.callEnded(Client.named("http-url-connection"), host, method, Outcome.OK);
            }
        };

        long allocated = Allocations.afterWarmUp(calls);
        assertTrue(allocated <= JVM_NOISE_BYTES, allocated + " bytes allocated by " + CALLS + " callEnded");
        assertEquals((long) Allocations.RUNS * CALLS, registry.snapshot().get(0).rawValue());
    }

    @Test
    void countingRetriesAndSkipsToAKnownHostAllocatesNothing() {
        MetricsRegistry registry = new MetricsRegistry(10);
        Runnable events = () -> {
            for (int i = 0; i < CALLS; i++) {
                registry.retried(Client.named("jdk-http-client"), host, status, 5);
                registry.retried(Client.named("jdk-http-client"), host, timeout, 5);
                registry.retrySkipped(Client.named("jdk-http-client"), host, SkipCause.CIRCUIT);
            }
        };

        long allocated = Allocations.afterWarmUp(events);
        assertTrue(allocated <= JVM_NOISE_BYTES, allocated + " bytes allocated by " + 3 * CALLS + " retry events");
    }
}
