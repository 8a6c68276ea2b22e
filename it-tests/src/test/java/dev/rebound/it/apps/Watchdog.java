package dev.rebound.it.apps;

/** Ends a test app that its test no longer drives: a test that fails half-way must not leave a JVM behind. */
final class Watchdog {
    private Watchdog() {
    }

    /** Exits the JVM with status 3 after {@code millis}, from a daemon thread. */
    static void exitAfter(long millis) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            System.exit(3);
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
