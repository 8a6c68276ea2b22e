package dev.rebound.engine;

/** A clock that moves only when told to. */
final class FakeClock implements Clock {
    private long nanos;
    private long millis;

    FakeClock(long nanos, long millis) {
        this.nanos = nanos;
        this.millis = millis;
    }

    void advanceNanos(long delta) {
        nanos += delta;
        millis += delta / 1_000_000L;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long currentTimeMillis() {
        return millis;
    }
}
