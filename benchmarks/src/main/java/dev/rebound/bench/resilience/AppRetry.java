package dev.rebound.bench.resilience;

import io.github.resilience4j.retry.Retry;

import java.io.IOException;

/** The app-level retry code around one call: none, a hand-written loop, or Resilience4j. */
interface AppRetry {
    /** One attempt: returns a 2xx status or throws ({@link HttpStatusException} for any other status). */
    @FunctionalInterface
    interface Attempt {
        int run() throws IOException;
    }

    int call(Attempt attempt) throws Exception;

    AppRetry NONE = Attempt::run;

    /**
     * The loop users write by hand: 5 attempts, waits 1, 2, 4, 8 s (doubling, capped at 30 s), no jitter,
     * any method, any failure. {@code scale} shrinks the waits for smoke runs only.
     */
    static AppRetry naive(double scale) {
        return attempt -> {
            long waitMs = 1_000;
            for (int n = 1; ; n++) {
                try {
                    return attempt.run();
                } catch (IOException e) {
                    if (n == 5) {
                        throw e;
                    }
                    Thread.sleep(Math.max(1, Math.round(Math.min(waitMs, 30_000) * scale)));
                    waitMs *= 2;
                }
            }
        };
    }

    /** Resilience4j {@code Retry.ofDefaults}: 3 attempts, fixed 500 ms wait, retries every exception. */
    static AppRetry resilience4j() {
        Retry retry = Retry.ofDefaults("bench");
        return attempt -> {
            try {
                return Retry.decorateCheckedSupplier(retry, attempt::run).get();
            } catch (Exception e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        };
    }
}
