package dev.rebound.bench.soak;

/**
 * What the soak upstream does with attempt {@code n} (1-based) of call {@code i}: a pure function of
 * (seed, call, attempt), so that the ideal outcome of every call is known before it is made.
 */
record FaultScript(long seed, double faultRate) {

    enum Answer {
        OK, STATUS_502, STATUS_503, RESET, SLOW;

        /** What a retrier configured with {@link SoakBench#RETRY_ON} may retry. */
        boolean retryable() {
            return this != OK;
        }
    }

    Answer answer(long call, int attempt) {
        long h = mix(seed ^ mix(call * 0x9E3779B97F4A7C15L + attempt));
        double u = (h >>> 11) * 0x1.0p-53;
        if (u >= faultRate) {
            return Answer.OK;
        }
        double f = u / faultRate;
        // Of the faults: 40% 502, 20% 503, 20% reset before any byte, 20% slow (no byte until the client gives up).
        return f < 0.4 ? Answer.STATUS_502 : f < 0.6 ? Answer.STATUS_503 : f < 0.8 ? Answer.RESET : Answer.SLOW;
    }

    /** Whether a perfect retrier allowed {@code maxAttempts} attempts ends call {@code i} with a 200. */
    boolean idealSucceeds(long call, int maxAttempts) {
        for (int a = 1; a <= maxAttempts; a++) {
            if (answer(call, a) == Answer.OK) {
                return true;
            }
        }
        return false;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
