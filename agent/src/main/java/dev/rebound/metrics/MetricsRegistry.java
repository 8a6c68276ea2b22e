package dev.rebound.metrics;

import dev.rebound.engine.CallListener;
import dev.rebound.engine.Client;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.SkipCause;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what the engine reports, per client and host label. Counting is lock-free and, for a host
 * seen before, allocation-free. The first {@code maxHosts} distinct hosts get their own label; later
 * ones share {@link #OTHER}, so a client calling many hosts cannot grow memory or series without bound.
 */
public final class MetricsRegistry implements CallListener {
    /** Default of {@code metrics.max-hosts}. */
    public static final int DEFAULT_MAX_HOSTS = 100;
    /** The host label shared by hosts past the cap (and by a host literally named so). */
    public static final String OTHER = "other";

    private final int maxHosts;
    private final ConcurrentHashMap<String, HostMetrics> hosts = new ConcurrentHashMap<String, HostMetrics>();
    private final HostMetrics overflow = new HostMetrics(OTHER);
    private final Object admission = new Object();
    /** Written under {@link #admission} after the map entry, so a reader that sees it full sees the entry. */
    private volatile int admitted;
    private volatile boolean overflowUsed;
    private final UncoveredLibraries uncoveredClients = new UncoveredLibraries();

    /** @param maxHosts hosts that get their own label ({@code metrics.max-hosts}); 0 puts all under "other" */
    public MetricsRegistry(int maxHosts) {
        if (maxHosts < 0) {
            throw new IllegalArgumentException("maxHosts must be >= 0, got " + maxHosts);
        }
        this.maxHosts = maxHosts;
    }

    public int maxHosts() {
        return maxHosts;
    }

    /** Libraries of HTTP clients rebound does not retry that the app loaded. */
    public UncoveredLibraries uncoveredClients() {
        return uncoveredClients;
    }

    @Override
    public void callEnded(Client client, String host, String method, Outcome outcome) {
        if (client == null || outcome == null) {
            return;
        }
        metricsFor(host).countRequest(client, MethodLabels.indexOf(method), outcome);
    }

    @Override
    public void retried(Client client, String host, String reason, long delayNanos) {
        if (client == null) {
            return;
        }
        metricsFor(host).countRetry(client, ReasonLabels.indexOf(reason), delayNanos);
    }

    @Override
    public void retrySkipped(Client client, String host, SkipCause cause) {
        if (client == null || cause == null) {
            return;
        }
        metricsFor(host).countSkip(client, cause);
    }

    /**
     * The label this host is (or will be) counted under, admitting it if the cap allows, so that an
     * exporter labels per-host data from elsewhere (circuit state) the same way as the counters.
     */
    public String hostLabel(String host) {
        return metricsFor(host).label();
    }

    /** Host labels with data, sorted, {@link #OTHER} last when it has been used. */
    public List<String> hostLabels() {
        List<String> labels = new ArrayList<String>(hosts.keySet());
        Collections.sort(labels);
        if (overflowUsed) {
            labels.add(OTHER);
        }
        return labels;
    }

    /** Every non-zero counter, grouped by {@link Series} in declaration order, then by host label. */
    public List<Sample> snapshot() {
        List<HostMetrics> ordered = new ArrayList<HostMetrics>();
        for (String label : hostLabels()) {
            HostMetrics m = OTHER.equals(label) ? overflow : hosts.get(label);
            if (m != null) {
                ordered.add(m);
            }
        }
        List<Sample> out = new ArrayList<Sample>();
        for (Series series : Series.values()) {
            for (HostMetrics m : ordered) {
                m.collect(series, out);
            }
        }
        return out;
    }

    /** The non-zero counters of one host label; empty for a label never used. */
    public List<Sample> snapshot(String hostLabel) {
        HostMetrics m = OTHER.equals(hostLabel) ? (overflowUsed ? overflow : null) : hosts.get(hostLabel);
        List<Sample> out = new ArrayList<Sample>();
        if (m != null) {
            for (Series series : Series.values()) {
                m.collect(series, out);
            }
        }
        return out;
    }

    private HostMetrics metricsFor(String host) {
        if (host != null) {
            HostMetrics known = hosts.get(host);
            if (known != null) {
                return known;
            }
        }
        return admit(host);
    }

    /** Slow path: once per new host while the cap allows, then a volatile read per call. */
    private HostMetrics admit(String host) {
        if (host == null || OTHER.equals(host) || admitted >= maxHosts) {
            return overflowFor(host);
        }
        synchronized (admission) {
            HostMetrics known = hosts.get(host);
            if (known != null) {
                return known;
            }
            if (admitted >= maxHosts) {
                return overflowFor(host);
            }
            HostMetrics fresh = new HostMetrics(host);
            hosts.put(host, fresh);
            admitted = admitted + 1;
            return fresh;
        }
    }

    private HostMetrics overflowFor(String host) {
        if (host != null) {
            // Another thread may have admitted this very host just before the cap was reached.
            HostMetrics known = hosts.get(host);
            if (known != null) {
                return known;
            }
        }
        if (!overflowUsed) {
            overflowUsed = true;
        }
        return overflow;
    }
}
