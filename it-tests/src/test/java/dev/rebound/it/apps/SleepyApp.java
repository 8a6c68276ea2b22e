package dev.rebound.it.apps;

/** Test app that never finishes on its own: proves the harness's hard timeout. */
public final class SleepyApp {

    private SleepyApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("sleeping");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
