package dev.rebound.it.apps;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Samples live threads every few milliseconds, keeping the peak count per name (digits folded to N). */
final class ThreadSampler {
    private final Map<String, Integer> peaks = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private ThreadSampler() {
        sampler = new Thread(this::loop, "thread-sampler");
        sampler.setDaemon(true);
    }

    static ThreadSampler start() {
        ThreadSampler s = new ThreadSampler();
        s.sampler.start();
        return s;
    }

    /** Live threads per name group right now, e.g. {@code {HttpClient-N-Worker-N=3, main=1, ...}}. */
    static Map<String, Integer> now() {
        Map<String, Integer> now = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            now.merge(t.getName().replaceAll("[0-9]+", "N"), 1, Integer::sum);
        }
        return now;
    }

    private void loop() {
        while (running) {
            now().forEach((name, n) -> peaks.merge(name, n, Math::max));
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Peak count per thread name group, e.g. {@code {HttpClient-N-Worker-N=12, main=1, ...}}. */
    String stop() {
        running = false;
        return new TreeMap<>(peaks).toString();
    }
}
