package dev.rebound.client;

/** The wait between attempts of a synchronous client: the app's thread is blocked in its call anyway. */
public final class Sleeper {
    private Sleeper() {
    }

    /** False when interrupted: the app wants out, so no further attempt is made (the flag is restored). */
    public static boolean sleepNanos(long nanos) {
        if (nanos <= 0) {
            return !Thread.currentThread().isInterrupted();
        }
        try {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
