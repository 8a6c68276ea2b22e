package dev.rebound.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** One counter value with its labels, as read at scrape time. Immutable. */
public final class Sample {
    private final Series series;
    private final List<String> labelValues;
    private final long rawValue;

    Sample(Series series, long rawValue, String... labelValues) {
        if (labelValues.length != series.labelNames().size()) {
            throw new IllegalArgumentException(series + " takes " + series.labelNames() + ", got "
                    + Arrays.toString(labelValues));
        }
        this.series = series;
        this.rawValue = rawValue;
        this.labelValues = Collections.unmodifiableList(Arrays.asList(labelValues.clone()));
    }

    public Series series() {
        return series;
    }

    /** Values in the order of {@link Series#labelNames()}. */
    public List<String> labelValues() {
        return labelValues;
    }

    /** The value of one label, e.g. {@code label("host")}. */
    public String label(String name) {
        int i = series.labelNames().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(series + " has no label " + name);
        }
        return labelValues.get(i);
    }

    /** The stored value: a count, or nanoseconds for {@link Series#BACKOFF_SECONDS}. */
    public long rawValue() {
        return rawValue;
    }

    /** The value in the series' unit: a count, or seconds. */
    public double value() {
        return series.toValue(rawValue);
    }

    @Override
    public String toString() {
        return series.baseName() + labelValues + "=" + (series.isCount() ? Long.toString(rawValue) : Double.toString(value()));
    }
}
