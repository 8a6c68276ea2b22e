package dev.rebound.bench.resilience;

import dev.rebound.bench.common.Args;

/**
 * Sizes and timings of S6-S9 (issue 13), each a parameter of the run so that a loaded machine can run them
 * shortened; {@link #shortened} says what differs from the wording.
 *
 * @param s6Seconds      S6 length (issue: 60 s) at {@code s6Rate} calls/s (issue: 100)
 * @param s7Workers      S7 upstream: requests served at once
 * @param s7Queue        S7 upstream: requests waiting for a worker before it answers 503
 * @param s7ServiceMs    S7 upstream: time each request holds a worker; capacity = workers / service time
 * @param s7OverloadSeconds S7: 1.3x the capacity offered for this long (issue: 20 s), then 0.7x for {@code s7AfterSeconds}
 * @param s8Jvms         S8: driver JVMs sharing the upstream (issue: 20), each at {@code s8RatePerJvm} calls/s
 * @param s8OutageSeconds S8: outage length, between two healthy stretches of {@link #s8MarginSeconds} each
 * @param s9Rate         S9: calls/s through 5 s of 100% failures, 20 s of 20%, 5 s healed (scaled by {@code s9Scale})
 */
public record ScenarioSizes(double s6Seconds, double s6Rate, int s7Workers, int s7Queue, double s7ServiceMs,
                            double s7OverloadSeconds, double s7AfterSeconds, int s8Jvms, double s8RatePerJvm,
                            double s8OutageSeconds, double s9Rate, double s9Scale) {

    static final double S7_OVERLOAD = 1.3;
    static final double S7_UNDERLOAD = 0.7;
    /** S8's healthy stretch before and after the outage, at most; shorter for an outage under twice as long. */
    static final double S8_MARGIN_SECONDS = 2;
    static final double S9_FULL_SECONDS = 5;
    static final double S9_PARTIAL_SECONDS = 20;
    static final double S9_HEALED_SECONDS = 5;

    static ScenarioSizes standard() {
        return new ScenarioSizes(60, 100, 4, 4, 40, 20, 5, 20, 20, 20, 100, 1.0);
    }

    static ScenarioSizes smoke() {
        return new ScenarioSizes(0.75, 40, 2, 2, 20, 0.75, 0.5, 2, 10, 1.5, 40, 0.05);
    }

    static ScenarioSizes from(Args args, boolean smoke) {
        ScenarioSizes s = smoke ? smoke() : standard();
        return new ScenarioSizes(args.getDouble("s6-seconds", s.s6Seconds), s.s6Rate, s.s7Workers, s.s7Queue,
                s.s7ServiceMs, args.getDouble("s7-overload-seconds", s.s7OverloadSeconds), s.s7AfterSeconds,
                args.getInt("s8-jvms", s.s8Jvms), args.getDouble("s8-rate-per-jvm", s.s8RatePerJvm),
                args.getDouble("s8-outage-seconds", s.s8OutageSeconds), s.s9Rate,
                args.getDouble("s9-scale", s.s9Scale));
    }

    /** The healthy stretch on each side of S8's outage: 2 s, or half the outage when that is shorter. */
    double s8MarginSeconds() {
        return Math.min(S8_MARGIN_SECONDS, s8OutageSeconds / 2);
    }

    /** S7's capacity in requests per second. */
    double s7Capacity() {
        return s7Workers * 1000.0 / s7ServiceMs;
    }

    long s8OutageStartNanos() {
        return (long) (s8MarginSeconds() * 1e9);
    }

    long s8OutageEndNanos() {
        return (long) ((s8MarginSeconds() + s8OutageSeconds) * 1e9);
    }

    double s8Seconds() {
        return s8MarginSeconds() + s8OutageSeconds + s8MarginSeconds();
    }

    long s9FullEndNanos() {
        return (long) (S9_FULL_SECONDS * s9Scale * 1e9);
    }

    long s9PartialEndNanos() {
        return (long) ((S9_FULL_SECONDS + S9_PARTIAL_SECONDS) * s9Scale * 1e9);
    }

    double s9Seconds() {
        return (S9_FULL_SECONDS + S9_PARTIAL_SECONDS + S9_HEALED_SECONDS) * s9Scale;
    }

    String shortened() {
        StringBuilder sb = new StringBuilder();
        if (s6Seconds < 60) {
            sb.append("S6 runs ").append(s6Seconds).append(" s instead of 60 s. ");
        }
        if (s7OverloadSeconds < 20) {
            sb.append("S7's overload lasts ").append(s7OverloadSeconds).append(" s instead of 20 s. ");
        }
        if (s8Jvms < 20) {
            sb.append("S8 uses ").append(s8Jvms).append(" JVMs instead of 20. ");
        }
        if (s9Scale < 1) {
            sb.append("S9's phases are scaled by ").append(s9Scale).append(". ");
        }
        return sb.toString().trim();
    }
}
