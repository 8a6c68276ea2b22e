package dev.rebound.metrics;

import dev.rebound.engine.Client;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.SkipCause;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConcurrentCountingTest {
    private static final List<String> LABELS = List.of("http-url-connection", "jdk-http-client",
            "apache-httpclient-4", "apache-httpclient-5");
    private static final int THREADS = 8;
    private static final int CALLS = 20_000;

    @Test
    void concurrentIncrementsSumExactly() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(100);
        runOnThreads(t -> {
            Client client = Client.named(LABELS.get(t % LABELS.size()));
            for (int i = 0; i < CALLS; i++) {
                registry.callEnded(client, "shared", "GET", Outcome.OK);
                registry.retried(client, "shared", "502", 3);
                registry.retrySkipped(client, "shared", SkipCause.BUDGET);
            }
        });

        long requests = 0;
        long retries = 0;
        long skipped = 0;
        long backoffNanos = 0;
        for (Sample s : registry.snapshot()) {
            switch (s.series()) {
                case REQUESTS -> requests += s.rawValue();
                case RETRIES -> retries += s.rawValue();
                case RETRIES_SKIPPED -> skipped += s.rawValue();
                case BACKOFF_SECONDS -> backoffNanos += s.rawValue();
            }
        }
        assertEquals((long) THREADS * CALLS, requests);
        assertEquals((long) THREADS * CALLS, retries);
        assertEquals((long) THREADS * CALLS, skipped);
        assertEquals(3L * THREADS * CALLS, backoffNanos);
        assertEquals(LABELS.size(), registry.snapshot().stream()
                .filter(s -> s.series() == Series.REQUESTS).count());
    }

    @Test
    void concurrentNewHostsRespectTheCapAndLoseNoCount() throws Exception {
        int maxHosts = 10;
        int distinctHosts = 50;
        MetricsRegistry registry = new MetricsRegistry(maxHosts);
        runOnThreads(t -> {
            for (int i = 0; i < CALLS; i++) {
                // Each thread walks the hosts from its own offset so that admissions race.
                registry.callEnded(Client.named("jdk-http-client"), "h" + ((i + t * 7) % distinctHosts), "PUT", Outcome.OK);
            }
        });

        List<String> labels = registry.hostLabels();
        assertEquals(maxHosts + 1, labels.size(), labels.toString());
        assertEquals(MetricsRegistry.OTHER, labels.get(maxHosts));
        long total = registry.snapshot().stream().mapToLong(Sample::rawValue).sum();
        assertEquals((long) THREADS * CALLS, total);
        for (String label : labels.subList(0, maxHosts)) {
            // A labelled host got every one of its calls: none leaked into "other" during admission.
            long perHost = registry.snapshot(label).stream().mapToLong(Sample::rawValue).sum();
            assertEquals((long) THREADS * CALLS / distinctHosts, perHost, label);
        }
    }

    private interface Work {
        void run(int thread) throws Exception;
    }

    private static void runOnThreads(Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    work.run(thread);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
