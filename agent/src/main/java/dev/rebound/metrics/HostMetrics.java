package dev.rebound.metrics;

import dev.rebound.engine.Client;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.SkipCause;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one host label. Request cells are created up front so that counting a call never
 * allocates; retry-reason cells (one per status code) are created per client on its first retry, since
 * most hosts never see one and a full table would cost 16 KiB each.
 */
final class HostMetrics {
    private static final Client[] CLIENTS = Client.values();
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final SkipCause[] CAUSES = SkipCause.values();

    private final String label;
    /** [client][method][outcome], flattened; LongAdder because healthy calls to one host contend here. */
    private final LongAdder[] requests;
    private final AtomicReferenceArray<AtomicLongArray> retriesByClient;
    private final AtomicLongArray skipped;
    private final AtomicLongArray backoffNanos;

    HostMetrics(String label) {
        this.label = label;
        this.requests = new LongAdder[CLIENTS.length * MethodLabels.COUNT * OUTCOMES.length];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = new LongAdder();
        }
        this.retriesByClient = new AtomicReferenceArray<AtomicLongArray>(CLIENTS.length);
        this.skipped = new AtomicLongArray(CLIENTS.length * CAUSES.length);
        this.backoffNanos = new AtomicLongArray(CLIENTS.length);
    }

    String label() {
        return label;
    }

    void countRequest(Client client, int methodIndex, Outcome outcome) {
        requests[(client.ordinal() * MethodLabels.COUNT + methodIndex) * OUTCOMES.length + outcome.ordinal()]
                .increment();
    }

    void countRetry(Client client, int reasonIndex, long delayNanos) {
        retries(client).incrementAndGet(reasonIndex);
        if (delayNanos > 0) {
            backoffNanos.addAndGet(client.ordinal(), delayNanos);
        }
    }

    void countSkip(Client client, SkipCause cause) {
        skipped.incrementAndGet(client.ordinal() * CAUSES.length + cause.ordinal());
    }

    private AtomicLongArray retries(Client client) {
        AtomicLongArray cells = retriesByClient.get(client.ordinal());
        if (cells == null) {
            AtomicLongArray fresh = new AtomicLongArray(ReasonLabels.COUNT);
            cells = retriesByClient.compareAndSet(client.ordinal(), null, fresh)
                    ? fresh : retriesByClient.get(client.ordinal());
        }
        return cells;
    }

    /** Appends the non-zero cells of one series: a counter appears once it has counted something. */
    void collect(Series series, List<Sample> out) {
        // if-chain rather than an enum switch: javac would add a synthetic class to inject on the boot path
        for (Client client : CLIENTS) {
            if (series == Series.REQUESTS) {
                collectRequests(client, out);
            } else if (series == Series.RETRIES) {
                collectRetries(client, out);
            } else if (series == Series.RETRIES_SKIPPED) {
                collectSkipped(client, out);
            } else {
                long nanos = backoffNanos.get(client.ordinal());
                if (nanos != 0) {
                    out.add(new Sample(series, nanos, client.label(), label));
                }
            }
        }
    }

    private void collectRequests(Client client, List<Sample> out) {
        for (int m = 0; m < MethodLabels.COUNT; m++) {
            for (Outcome outcome : OUTCOMES) {
                long n = requests[(client.ordinal() * MethodLabels.COUNT + m) * OUTCOMES.length + outcome.ordinal()]
                        .sum();
                if (n != 0) {
                    out.add(new Sample(Series.REQUESTS, n, client.label(), label, MethodLabels.LABELS[m],
                            outcome.label()));
                }
            }
        }
    }

    private void collectRetries(Client client, List<Sample> out) {
        AtomicLongArray cells = retriesByClient.get(client.ordinal());
        if (cells == null) {
            return;
        }
        for (int r = 0; r < ReasonLabels.COUNT; r++) {
            long n = cells.get(r);
            if (n != 0) {
                out.add(new Sample(Series.RETRIES, n, client.label(), label, ReasonLabels.label(r)));
            }
        }
    }

    private void collectSkipped(Client client, List<Sample> out) {
        for (SkipCause cause : CAUSES) {
            long n = skipped.get(client.ordinal() * CAUSES.length + cause.ordinal());
            if (n != 0) {
                out.add(new Sample(Series.RETRIES_SKIPPED, n, client.label(), label, cause.label()));
            }
        }
    }
}
