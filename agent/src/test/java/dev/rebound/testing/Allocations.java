package dev.rebound.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/** Bytes a piece of work allocates on the calling thread, for the "invisible when healthy" tests. */
public final class Allocations {
    private Allocations() {
    }

    /** How many times {@link #afterWarmUp} runs the work: two to warm up, three measured. */
    public static final int RUNS = 5;

    /**
     * Runs the work twice to warm up (first sight of a host, class and constant resolution, JIT), then
     * returns the least that one of three more runs allocated beyond what reading the counter itself
     * costs. Skips the test where the JVM cannot count per-thread allocation.
     */
    public static long afterWarmUp(Runnable work) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is not available on this JVM");
        long id = Thread.currentThread().getId();
        work.run();
        work.run();
        // The least of three runs: an allocation the code makes shows in every run, while a one-off by the
        // JVM (a compilation or deoptimisation landing mid-run on a loaded machine) shows in one at most.
        long least = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long emptyBefore = threads.getThreadAllocatedBytes(id);
            long emptyAfter = threads.getThreadAllocatedBytes(id);
            long before = threads.getThreadAllocatedBytes(id);
            work.run();
            long after = threads.getThreadAllocatedBytes(id);
            least = Math.min(least, (after - before) - (emptyAfter - emptyBefore));
        }
        return least;
    }
}
