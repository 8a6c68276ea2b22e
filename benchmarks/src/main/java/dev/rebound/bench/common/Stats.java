package dev.rebound.bench.common;

import java.util.Arrays;

/** Order statistics over small samples; nearest-rank percentiles, so a reported value was really measured. */
public final class Stats {
    private Stats() {
    }

    public static double median(double[] values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile (p in 0..100) of a copy of {@code values}; NaN when empty. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Middle value of an even-sized sample is the mean of the two middle ones, as medians usually are. */
    public static double medianOfRuns(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    public static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    public static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
