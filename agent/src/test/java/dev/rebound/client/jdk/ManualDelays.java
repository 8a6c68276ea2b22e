package dev.rebound.client.jdk;

import java.util.ArrayList;
import java.util.List;

/** Delays that run only when the test says so, recording each requested delay. */
final class ManualDelays implements Delays {
    final List<Long> requested = new ArrayList<>();
    private final List<Runnable> due = new ArrayList<>();

    @Override
    public void schedule(long delayNanos, Runnable task) {
        requested.add(delayNanos);
        due.add(task);
    }

    /** Runs every task scheduled so far (and any they schedule, in turn), as if their delays had passed. */
    void runAll() {
        while (!due.isEmpty()) {
            due.remove(0).run();
        }
    }

    int waiting() {
        return due.size();
    }
}
