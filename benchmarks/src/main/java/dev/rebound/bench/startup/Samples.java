package dev.rebound.bench.startup;

import dev.rebound.bench.common.Stats;

import java.util.ArrayList;
import java.util.List;

/** What the timed runs of one variant on one JDK measured. */
final class Samples {
    final List<Double> wallMs = new ArrayList<>();
    final List<Double> rssMiB = new ArrayList<>();
    final List<Double> cpuMs = new ArrayList<>();
    final List<Double> installMs = new ArrayList<>();

    static double median(List<Double> values) {
        return Stats.medianOfRuns(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
