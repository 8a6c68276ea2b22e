package dev.rebound.export;

import java.util.concurrent.ThreadFactory;

/** Named daemon threads: an exporter must never keep the app's JVM alive. */
final class DaemonThreads implements ThreadFactory {
    private final String name;

    DaemonThreads(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }
}
