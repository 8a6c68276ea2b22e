package dev.rebound.bench.resilience;

import dev.rebound.bench.common.Args;
import dev.rebound.bench.common.Fmt;

/**
 * Sizes and timings of the scenarios. {@link #standard} keeps a full run (4 policies x 4 runs, one
 * client) under five minutes; what it shortens against the wording is said in {@link #shortened}.
 */
public record Schedule(int s1Calls, double s1Rate, double s2Rate, double s2BeforeSeconds, double s2OutageSeconds,
                       double s2AfterSeconds, int s4Calls, double s4Rate, int s5Calls, double s5Rate,
                       double naiveWaitScale, long seed, ScenarioSizes more) {

    public static final double TRANSIENT_P = 0.2;
    public static final long RETRY_AFTER_SECONDS = 3600;
    static final double FULL_OUTAGE_SECONDS = 30;

    public static Schedule standard() {
        return new Schedule(2000, 200, 50, 2, 20, 6, 1000, 200, 5, 5, 1.0, 42, ScenarioSizes.standard());
    }

    /** Tiny and fast, for the build's smoke test; the naive loop's waits shrink 100x. */
    public static Schedule smoke() {
        return new Schedule(30, 100, 40, 0.5, 1.0, 0.5, 30, 100, 2, 10, 0.01, 42, ScenarioSizes.smoke());
    }

    public static Schedule from(Args args) {
        boolean smoke = args.flag("smoke");
        Schedule s = smoke ? smoke() : standard();
        return new Schedule(args.getInt("s1-calls", s.s1Calls), s.s1Rate, args.getDouble("s2-rate", s.s2Rate),
                s.s2BeforeSeconds, args.getDouble("outage-seconds", s.s2OutageSeconds), s.s2AfterSeconds,
                args.getInt("s4-calls", s.s4Calls), s.s4Rate, s.s5Calls, s.s5Rate,
                args.getDouble("naive-wait-scale", s.naiveWaitScale), args.getInt("seed", (int) s.seed),
                ScenarioSizes.from(args, smoke));
    }

    public int s2Calls() {
        return (int) Math.round((s2BeforeSeconds + s2OutageSeconds + s2AfterSeconds) * s2Rate);
    }

    public long outageStartNanos() {
        return (long) (s2BeforeSeconds * 1e9);
    }

    public long outageEndNanos() {
        return (long) ((s2BeforeSeconds + s2OutageSeconds) * 1e9);
    }

    /** What differs from the scenarios as specified, for the top of the results. */
    public String shortened() {
        StringBuilder sb = new StringBuilder();
        if (s2OutageSeconds < FULL_OUTAGE_SECONDS) {
            sb.append("S2/S3: the outage lasts ").append(Fmt.f(s2OutageSeconds, 1)).append(" s instead of 30 s (")
                    .append("every policy gets the same schedule; the naive loop's 1+2+4+8 s of waits reach their ")
                    .append("steady state after 15 s, so the last-5-s column shows the long-outage ratio). ");
        }
        if (naiveWaitScale != 1.0) {
            sb.append("The naive loop's waits are scaled by ").append(naiveWaitScale)
                    .append(" (smoke run: its figures are not the real loop's). ");
        }
        sb.append(more.shortened());
        return sb.length() == 0 ? "Nothing shortened." : sb.toString().trim();
    }
}
