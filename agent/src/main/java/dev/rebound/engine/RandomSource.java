package dev.rebound.engine;

import java.util.concurrent.ThreadLocalRandom;

/** Randomness for jitter, injected so that tests are repeatable. */
public interface RandomSource {
    /** Uniform in [0, 1). */
    double nextDouble();

    RandomSource THREAD_LOCAL = new RandomSource() {
        @Override
        public double nextDouble() {
            return ThreadLocalRandom.current().nextDouble();
        }
    };
}
