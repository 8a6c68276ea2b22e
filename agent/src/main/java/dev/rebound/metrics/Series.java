package dev.rebound.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The counter families the registry keeps, with their label names in sample order. */
public enum Series {
    /** Logical calls, once each, by how they ended. */
    REQUESTS("requests", 1L, "client", "host", "method", "outcome"),
    /** Retries sent, by the status code or failure kind that caused them. */
    RETRIES("retries", 1L, "client", "host", "reason"),
    /** Retry candidates that were not retried, by cause. */
    RETRIES_SKIPPED("retries_skipped", 1L, "client", "host", "cause"),
    /** Sum of the delays waited before the retries sent; kept in nanoseconds, read in seconds. */
    BACKOFF_SECONDS("backoff_seconds", 1_000_000_000L, "client", "host");

    private final String baseName;
    private final long rawPerUnit;
    private final List<String> labelNames;

    Series(String baseName, long rawPerUnit, String... labelNames) {
        this.baseName = baseName;
        this.rawPerUnit = rawPerUnit;
        this.labelNames = Collections.unmodifiableList(Arrays.asList(labelNames));
    }

    /** Exporter-neutral name, e.g. {@code retries_skipped}; exporters add their own prefix/suffix. */
    public String baseName() {
        return baseName;
    }

    public List<String> labelNames() {
        return labelNames;
    }

    /** Whether {@link Sample#rawValue()} is a plain count (else a scaled unit such as nanoseconds). */
    public boolean isCount() {
        return rawPerUnit == 1L;
    }

    double toValue(long raw) {
        return rawPerUnit == 1L ? raw : (double) raw / rawPerUnit;
    }
}
