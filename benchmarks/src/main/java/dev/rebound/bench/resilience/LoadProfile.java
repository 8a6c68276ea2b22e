package dev.rebound.bench.resilience;

import java.util.Arrays;

/** Open-loop load in segments: {@code rates[k]} calls/s for {@code seconds[k]} s, one after the other. */
record LoadProfile(double[] rates, double[] seconds) {

    /** {@code rate:seconds[,rate:seconds...]}. */
    static LoadProfile parse(String text) {
        String[] parts = text.split(",");
        double[] r = new double[parts.length];
        double[] d = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String[] rs = parts[i].trim().split(":");
            r[i] = Double.parseDouble(rs[0]);
            d[i] = Double.parseDouble(rs[1]);
            if (!(r[i] > 0) || !(d[i] > 0)) {
                throw new IllegalArgumentException("bad load segment '" + parts[i] + "'");
            }
        }
        return new LoadProfile(r, d);
    }

    int calls() {
        int n = 0;
        for (int i = 0; i < rates.length; i++) {
            n += (int) Math.round(rates[i] * seconds[i]);
        }
        return n;
    }

    double totalSeconds() {
        return Arrays.stream(seconds).sum();
    }

    /** Start times of every call, in nanoseconds since the run's start. */
    long[] startTimes() {
        long[] out = new long[calls()];
        int i = 0;
        long segmentStart = 0;
        for (int k = 0; k < rates.length; k++) {
            int n = (int) Math.round(rates[k] * seconds[k]);
            for (int j = 0; j < n; j++) {
                out[i++] = segmentStart + (long) (j * 1e9 / rates[k]);
            }
            segmentStart += (long) (seconds[k] * 1e9);
        }
        return out;
    }
}
