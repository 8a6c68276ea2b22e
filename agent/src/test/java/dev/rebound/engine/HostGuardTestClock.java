package dev.rebound.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Fake clock for the guard tests: moves only when told, safe to read from many threads. */
final class HostGuardTestClock implements Clock {
    private final AtomicLong nanos;

    HostGuardTestClock(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
    }

    void advance(long amount, TimeUnit unit) {
        nanos.addAndGet(unit.toNanos(amount));
    }

    void advanceNanos(long amount) {
        nanos.addAndGet(amount);
    }

    void set(long nowNanos) {
        nanos.set(nowNanos);
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long currentTimeMillis() {
        return TimeUnit.NANOSECONDS.toMillis(nanos.get());
    }
}
