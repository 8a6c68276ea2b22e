package dev.rebound.engine;

/** Time source, injected so that tests never sleep. */
public interface Clock {
    /** Monotonic time for delays and deadlines. */
    long nanoTime();

    /** Wall time, only for HTTP-date {@code Retry-After} values. */
    long currentTimeMillis();

    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }
    };
}
