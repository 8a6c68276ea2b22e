package dev.rebound.metrics;

import dev.rebound.engine.Client;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.SkipCause;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one host label, a block per client ({@link Client#index()}) made on the client's first
 * event for this host, so that counting a call to a host and client seen before never allocates and a host
 * pays only for the clients that call it. Within a block, retry-reason cells (one per status code) are made
 * on the first retry, since most hosts never see one and a full table would cost 4 KiB.
 */
final class HostMetrics {
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final SkipCause[] CAUSES = SkipCause.values();

    private final String label;
    private final AtomicReferenceArray<ClientCounters> byClient = new AtomicReferenceArray<ClientCounters>(Client.MAX);

    HostMetrics(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    void countRequest(Client client, int methodIndex, Outcome outcome) {
        counters(client).requests[methodIndex * OUTCOMES.length + outcome.ordinal()].increment();
    }

    void countRetry(Client client, int reasonIndex, long delayNanos) {
        ClientCounters c = counters(client);
        c.retries().incrementAndGet(reasonIndex);
        if (delayNanos > 0) {
            c.backoffNanos.addAndGet(delayNanos);
        }
    }

    void countSkip(Client client, SkipCause cause) {
        counters(client).skipped.incrementAndGet(cause.ordinal());
    }

    private ClientCounters counters(Client client) {
        ClientCounters c = byClient.get(client.index());
        if (c == null) {
            ClientCounters fresh = new ClientCounters();
            c = byClient.compareAndSet(client.index(), null, fresh) ? fresh : byClient.get(client.index());
        }
        return c;
    }

    /** Appends the non-zero cells of one series, clients in index order: a counter appears once it has counted. */
    void collect(Series series, List<Sample> out) {
        for (int i = 0; i < Client.MAX; i++) {
            ClientCounters c = byClient.get(i);
            if (c == null) {
                continue;
            }
            String client = Client.byIndex(i).label();
            // if-chain rather than an enum switch: javac would add a synthetic class to inject on the boot path
            if (series == Series.REQUESTS) {
                c.collectRequests(client, label, out);
            } else if (series == Series.RETRIES) {
                c.collectRetries(client, label, out);
            } else if (series == Series.RETRIES_SKIPPED) {
                c.collectSkipped(client, label, out);
            } else {
                long nanos = c.backoffNanos.get();
                if (nanos != 0) {
                    out.add(new Sample(series, nanos, client, label));
                }
            }
        }
    }

    /** One client's counters for this host. */
    private static final class ClientCounters {
        /** [method][outcome], flattened; LongAdder because healthy calls to one host contend here. */
        final LongAdder[] requests = new LongAdder[MethodLabels.COUNT * OUTCOMES.length];
        final AtomicReference<AtomicLongArray> retries = new AtomicReference<AtomicLongArray>();
        final AtomicLongArray skipped = new AtomicLongArray(CAUSES.length);
        final AtomicLong backoffNanos = new AtomicLong();

        ClientCounters() {
            for (int i = 0; i < requests.length; i++) {
                requests[i] = new LongAdder();
            }
        }

        AtomicLongArray retries() {
            AtomicLongArray cells = retries.get();
            if (cells == null) {
                AtomicLongArray fresh = new AtomicLongArray(ReasonLabels.COUNT);
                cells = retries.compareAndSet(null, fresh) ? fresh : retries.get();
            }
            return cells;
        }

        void collectRequests(String client, String host, List<Sample> out) {
            for (int m = 0; m < MethodLabels.COUNT; m++) {
                for (Outcome outcome : OUTCOMES) {
                    long n = requests[m * OUTCOMES.length + outcome.ordinal()].sum();
                    if (n != 0) {
                        out.add(new Sample(Series.REQUESTS, n, client, host, MethodLabels.LABELS[m], outcome.label()));
                    }
                }
            }
        }

        void collectRetries(String client, String host, List<Sample> out) {
            AtomicLongArray cells = retries.get();
            if (cells == null) {
                return;
            }
            for (int r = 0; r < ReasonLabels.COUNT; r++) {
                long n = cells.get(r);
                if (n != 0) {
                    out.add(new Sample(Series.RETRIES, n, client, host, ReasonLabels.label(r)));
                }
            }
        }

        void collectSkipped(String client, String host, List<Sample> out) {
            for (SkipCause cause : CAUSES) {
                long n = skipped.get(cause.ordinal());
                if (n != 0) {
                    out.add(new Sample(Series.RETRIES_SKIPPED, n, client, host, cause.label()));
                }
            }
        }
    }
}
