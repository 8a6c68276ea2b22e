package dev.rebound.bench.resilience;

import dev.rebound.bench.common.Fmt;
import dev.rebound.bench.common.MarkdownTable;
import dev.rebound.bench.common.Stats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the runs of one scenario into its table, and rebound's rows into target checks. */
final class ScenarioTables {
    static final double S1_MIN_SUCCESS = 0.99;
    static final double S1_MAX_ATTEMPTS = 1.25;
    static final double S2_MAX_LOAD = 1.05;
    static final double S3_MAX_RECOVERY_S = 1.0;
    static final double S5_MAX_BLOCK_S = 5.0;
    private static final long SECOND = 1_000_000_000L;
    private static final long RECOVERY_BUCKET = 100_000_000L;

    static final double S6_SUCCESS = 1.0;
    static final double S6_ATTEMPTS = 2.0;
    static final double S7_RECOVERED_SUCCESS = 0.99;

    /** Per policy, the figures of the summary table, by column. */
    final Map<Policy, Map<String, String>> summary = new LinkedHashMap<>();

    /** One target line: what, measured value, met or not. */
    record Target(String client, String what, String measured, boolean met) {
    }

    private final Schedule schedule;
    final List<Target> targets = new ArrayList<>();

    ScenarioTables(Schedule schedule) {
        this.schedule = schedule;
    }

    MarkdownTable s1(List<RunData> runs) {
        MarkdownTable t = new MarkdownTable("client", "policy", "app success", "wire attempts/call",
                "latency p50", "latency p99", "added p50", "added p99");
        for (RunData r : runs) {
            double[] lat = r.latenciesMillis();
            RunData base = baseline(runs, r.client());
            double p50 = Stats.percentile(lat, 50);
            double p99 = Stats.percentile(lat, 99);
            double b50 = base == null ? Double.NaN : Stats.percentile(base.latenciesMillis(), 50);
            double b99 = base == null ? Double.NaN : Stats.percentile(base.latenciesMillis(), 99);
            t.row(r.client(), r.policy().label(), Fmt.pct(r.successRate(), 1), Fmt.f(r.attemptsPerCall(), 3),
                    Fmt.ms(p50), Fmt.ms(p99), Fmt.signed(p50 - b50, 1) + " ms", Fmt.signed(p99 - b99, 1) + " ms");
            note(r, "S1 success / attempts per call", Fmt.pct(r.successRate(), 1) + " / " + Fmt.f(r.attemptsPerCall(), 3));
            if (r.policy() == Policy.REBOUND) {
                targets.add(new Target(r.client(), "S1 success >= 99.0% at <= 1.25 wire attempts/call",
                        Fmt.pct(r.successRate(), 1) + " at " + Fmt.f(r.attemptsPerCall(), 3),
                        r.successRate() >= S1_MIN_SUCCESS && r.attemptsPerCall() <= S1_MAX_ATTEMPTS));
            }
        }
        return t;
    }

    MarkdownTable s2(List<RunData> runs) {
        MarkdownTable t = new MarkdownTable("client", "policy", "upstream load (outage after 1st s)",
                "last 5 s of outage", "peak 1-s load", "app calls blocked at outage end");
        long start = schedule.outageStartNanos();
        long end = schedule.outageEndNanos();
        for (RunData r : runs) {
            double load = load(r, start + SECOND, end);
            double last5 = end - start >= 6 * SECOND ? load(r, end - 5 * SECOND, end) : Double.NaN;
            long blocked = r.calls().stream().filter(c -> c.startNanos() < end && c.endNanos() > end).count();
            t.row(r.client(), r.policy().label(), Fmt.f(load, 3), Fmt.f(last5, 3), Fmt.f(peakLoad(r), 2),
                    blocked);
            note(r, "S2 load", Fmt.f(load, 3));
            if (r.policy() == Policy.REBOUND) {
                targets.add(new Target(r.client(), "S2 upstream load during the outage <= 1.05 wire attempts/call",
                        Fmt.f(load, 3), load <= S2_MAX_LOAD));
            }
        }
        return t;
    }

    MarkdownTable s3(List<RunData> runs) {
        MarkdownTable t = new MarkdownTable("client", "policy", "recovery (to >= 99% success)",
                "success of calls ending after the outage", "p99 latency of calls started in the outage",
                "slowest call");
        long start = schedule.outageStartNanos();
        long end = schedule.outageEndNanos();
        for (RunData r : runs) {
            double recovery = recoverySeconds(r, end);
            List<CallRecord> after = r.calls().stream().filter(c -> c.endNanos() >= end).toList();
            double afterOk = after.isEmpty() ? Double.NaN
                    : after.stream().filter(CallRecord::ok).count() / (double) after.size();
            double[] inOutage = r.calls().stream().filter(c -> c.startNanos() >= start && c.startNanos() < end)
                    .mapToDouble(c -> c.latencyNanos() / 1e6).toArray();
            t.row(r.client(), r.policy().label(), Fmt.f(recovery, 1) + " s", Fmt.pct(afterOk, 1),
                    Fmt.ms(Stats.percentile(inOutage, 99)), Fmt.ms(Stats.max(r.latenciesMillis())));
            if (r.policy() == Policy.REBOUND) {
                targets.add(new Target(r.client(), "S3 recovery <= 1 s after the outage ends",
                        Fmt.f(recovery, 1) + " s", recovery <= S3_MAX_RECOVERY_S));
            }
        }
        return t;
    }

    MarkdownTable s4(List<RunData> runs) {
        MarkdownTable t = new MarkdownTable("client", "policy", "POSTs", "executions upstream",
                "duplicate executions per 1000 POSTs", "app success");
        for (RunData r : runs) {
            Set<Long> executed = new HashSet<>();
            r.arrivals().forEach(a -> executed.add(a.callId()));
            long duplicates = r.arrivals().size() - executed.size();
            double per1000 = r.callCount() == 0 ? Double.NaN : duplicates * 1000.0 / r.callCount();
            t.row(r.client(), r.policy().label(), r.callCount(), r.arrivals().size(), Fmt.f(per1000, 1),
                    Fmt.pct(r.successRate(), 1));
            if (r.policy() == Policy.REBOUND) {
                targets.add(new Target(r.client(), "S4 0 duplicate POST executions without Idempotency-Key",
                        Fmt.f(per1000, 1) + " per 1000", duplicates == 0));
            }
        }
        return t;
    }

    MarkdownTable s5(List<RunData> runs) {
        MarkdownTable t = new MarkdownTable("client", "policy", "calls", "wire attempts/call",
                "app call blocked p50", "blocked max", "app got");
        for (RunData r : runs) {
            double[] lat = r.latenciesMillis();
            Set<Integer> statuses = new java.util.TreeSet<>();
            r.calls().forEach(c -> statuses.add(c.status()));
            double maxS = Stats.max(lat) / 1000.0;
            t.row(r.client(), r.policy().label(), r.callCount(), Fmt.f(r.attemptsPerCall(), 2),
                    Fmt.ms(Stats.percentile(lat, 50)), Fmt.ms(Stats.max(lat)), statuses);
            note(r, "S5 blocked (max)", Fmt.ms(Stats.max(lat)));
            if (r.policy() == Policy.REBOUND) {
                targets.add(new Target(r.client(), "S5 the app's call blocks <= retry-after.max (5 s)",
                        Fmt.ms(Stats.max(lat)) + " max", maxS <= S5_MAX_BLOCK_S));
            }
        }
        return t;
    }

    MarkdownTable s6(List<RunData> runs) {
        MarkdownTable t = new MarkdownTable("client", "policy", "calls", "app success", "wire attempts/call",
                "latency p99", "first failed call");
        for (RunData r : runs) {
            double firstFail = r.calls().stream().filter(c -> !c.ok()).mapToLong(CallRecord::startNanos).min()
                    .orElse(-1) / 1e9;
            t.row(r.client(), r.policy().label(), r.callCount(), Fmt.pct(r.successRate(), 2),
                    Fmt.f(r.attemptsPerCall(), 3), Fmt.ms(Stats.percentile(r.latenciesMillis(), 99)),
                    firstFail < 0 ? "none" : "at " + Fmt.f(firstFail, 1) + " s");
            note(r, "S6 success / attempts per call", Fmt.pct(r.successRate(), 1) + " / " + Fmt.f(r.attemptsPerCall(), 3));
            if (r.policy() == Policy.REBOUND) {
                targets.add(new Target(r.client(), "S6 fail-once: 100% success at 2.0 wire attempts/call",
                        Fmt.pct(r.successRate(), 2) + " at " + Fmt.f(r.attemptsPerCall(), 3),
                        r.okCount() == r.callCount() && Math.abs(r.attemptsPerCall() - S6_ATTEMPTS) < 1e-9));
            }
        }
        return t;
    }

    /** S7 goodput: calls the app saw succeed, by the second they completed in, from the overload's 2nd second. */
    MarkdownTable s7(List<RunData> runs) {
        ScenarioSizes m = schedule.more();
        long overloadEnd = (long) (m.s7OverloadSeconds() * 1e9);
        long from = Math.min(SECOND, overloadEnd / 4);
        long end = overloadEnd + (long) (m.s7AfterSeconds() * 1e9);
        MarkdownTable t = new MarkdownTable("client", "policy", "goodput in overload (calls/s)", "vs no retry",
                "app success in overload", "upstream attempts/s in overload",
                "success, calls started in the 1st s after the drop", "success, calls started later");
        RunData none = null;
        for (RunData r : runs) {
            if (r.policy() == Policy.NONE) {
                none = r;
            }
        }
        double noneGoodput = none == null ? Double.NaN : goodput(none, from, overloadEnd);
        for (RunData r : runs) {
            double g = goodput(r, from, overloadEnd);
            double inOverload = success(r, 0, overloadEnd);
            double firstSecond = success(r, overloadEnd, overloadEnd + SECOND);
            double later = success(r, overloadEnd + SECOND, end);
            long attempts = r.arrivals().stream().filter(a -> a.atNanos() >= from && a.atNanos() < overloadEnd).count();
            t.row(r.client(), r.policy().label(), Fmt.f(g, 1), Fmt.f(g / noneGoodput, 3), Fmt.pct(inOverload, 1),
                    Fmt.f(attempts / ((overloadEnd - from) / 1e9), 1), Fmt.pct(firstSecond, 1), Fmt.pct(later, 1));
            note(r, "S7 goodput vs no retry / success 1 s after the drop",
                    Fmt.f(g / noneGoodput, 3) + " / " + Fmt.pct(later, 1));
            if (r.policy() == Policy.REBOUND) {
                targets.add(new Target(r.client(), "S7 goodput in overload >= no retry's (2% measurement tolerance)",
                        Fmt.f(g, 1) + " vs " + Fmt.f(noneGoodput, 1) + " calls/s", g >= 0.98 * noneGoodput));
                targets.add(new Target(r.client(), "S7 >= 99% success from 1 s after the load drops",
                        Fmt.pct(later, 1), later >= S7_RECOVERED_SUCCESS));
            }
        }
        return t;
    }

    /** S7's chart data: calls that succeeded, per second they completed in. */
    static int[] goodputPerSecond(RunData r, int seconds) {
        int[] out = new int[seconds];
        for (CallRecord c : r.calls()) {
            int s = (int) (c.endNanos() / SECOND);
            if (c.ok() && s >= 0 && s < seconds) {
                out[s]++;
            }
        }
        return out;
    }

    MarkdownTable s8(List<RunData> runs) {
        ScenarioSizes m = schedule.more();
        long start = m.s8OutageStartNanos();
        long end = m.s8OutageEndNanos();
        MarkdownTable t = new MarkdownTable("client", "policy", "JVMs", "app calls/s (all JVMs)",
                "upstream requests/s in the outage (after 1st s)", "upstream load (after 1st s)", "whole outage");
        for (RunData r : runs) {
            double load = load(r, start + SECOND, end);
            double whole = load(r, start, end);
            long attempts = r.arrivals().stream().filter(a -> a.atNanos() >= start + SECOND && a.atNanos() < end).count();
            t.row(r.client(), r.policy().label(), m.s8Jvms(), Fmt.f(m.s8Jvms() * m.s8RatePerJvm(), 0),
                    Fmt.f(attempts / ((end - start - SECOND) / 1e9), 1), Fmt.f(load, 3), Fmt.f(whole, 3));
            note(r, "S8 fleet load", Fmt.f(load, 3));
            if (r.policy() == Policy.REBOUND) {
                targets.add(new Target(r.client(), "S8 " + m.s8Jvms() + " JVMs in an outage: aggregate load <= 1.05",
                        Fmt.f(load, 3), load <= S2_MAX_LOAD));
            }
        }
        return t;
    }

    MarkdownTable s9(List<RunData> runs) {
        ScenarioSizes m = schedule.more();
        long fullEnd = m.s9FullEndNanos();
        long partialEnd = m.s9PartialEndNanos();
        MarkdownTable t = new MarkdownTable("client", "policy", "load in the 100% phase (after 1st s)",
                "whole 100% phase", "success in the 20% phase", "wire attempts/call in the 20% phase",
                "success after healing");
        for (RunData r : runs) {
            double load = load(r, Math.min(SECOND, fullEnd / 5), fullEnd);
            double whole = load(r, 0, fullEnd);
            double success = success(r, fullEnd, partialEnd);
            double attempts = load(r, fullEnd, partialEnd);
            double healed = success(r, partialEnd + SECOND, Long.MAX_VALUE);
            t.row(r.client(), r.policy().label(), Fmt.f(load, 3), Fmt.f(whole, 3), Fmt.pct(success, 1),
                    Fmt.f(attempts, 3), Fmt.pct(healed, 1));
            note(r, "S9 success / attempts (20%) / load (100%)",
                    Fmt.pct(success, 1) + " / " + Fmt.f(attempts, 3) + " / " + Fmt.f(load, 3));
            if (r.policy() == Policy.REBOUND) {
                targets.add(new Target(r.client(), "S9 20% phase: >= 99.0% success at <= 1.25 attempts/call",
                        Fmt.pct(success, 1) + " at " + Fmt.f(attempts, 3),
                        success >= S1_MIN_SUCCESS && attempts <= S1_MAX_ATTEMPTS));
                targets.add(new Target(r.client(), "S9 100% phase: load <= 1.05", Fmt.f(load, 3), load <= S2_MAX_LOAD));
            }
        }
        return t;
    }

    /** One row per policy, one column per scenario figure noted so far. */
    MarkdownTable summaryTable() {
        List<String> columns = new ArrayList<>();
        for (Map<String, String> row : summary.values()) {
            for (String c : row.keySet()) {
                if (!columns.contains(c)) {
                    columns.add(c);
                }
            }
        }
        List<String> header = new ArrayList<>();
        header.add("policy");
        header.addAll(columns);
        MarkdownTable t = new MarkdownTable(header.toArray(new String[0]));
        for (Map.Entry<Policy, Map<String, String>> e : summary.entrySet()) {
            List<Object> cells = new ArrayList<>();
            cells.add(e.getKey().label());
            for (String c : columns) {
                cells.add(e.getValue().getOrDefault(c, ""));
            }
            t.row(cells.toArray());
        }
        return t;
    }

    private void note(RunData r, String column, String value) {
        summary.computeIfAbsent(r.policy(), p -> new LinkedHashMap<>()).put(column, value);
    }

    private static double goodput(RunData r, long from, long to) {
        long ok = r.calls().stream().filter(c -> c.ok() && c.endNanos() >= from && c.endNanos() < to).count();
        return ok / ((to - from) / 1e9);
    }

    /** Share of the calls started in [from, to) that succeeded. */
    private static double success(RunData r, long from, long to) {
        long n = r.calls().stream().filter(c -> c.startNanos() >= from && c.startNanos() < to).count();
        long ok = r.calls().stream().filter(c -> c.ok() && c.startNanos() >= from && c.startNanos() < to).count();
        return n == 0 ? Double.NaN : ok / (double) n;
    }

    /** Wire attempts arriving in [from, to) per first attempt (app call) arriving in it. */
    static double load(RunData r, long from, long to) {
        long attempts = r.arrivals().stream().filter(a -> a.atNanos() >= from && a.atNanos() < to).count();
        long calls = r.arrivals().stream().filter(a -> a.attempt() == 0 && a.atNanos() >= from && a.atNanos() < to).count();
        return calls == 0 ? Double.NaN : attempts / (double) calls;
    }

    private static double peakLoad(RunData r) {
        int[] all = perSecond(r, false);
        int[] first = perSecond(r, true);
        double peak = Double.NaN;
        for (int s = 0; s < all.length; s++) {
            if (first[s] > 0) {
                double v = all[s] / (double) first[s];
                peak = Double.isNaN(peak) ? v : Math.max(peak, v);
            }
        }
        return peak;
    }

    /** Wire attempts (or first attempts only) per whole second since the start. */
    static int[] perSecond(RunData r, boolean firstOnly) {
        long last = r.arrivals().stream().mapToLong(Upstream.Arrival::atNanos).max().orElse(0);
        int[] counts = new int[(int) (last / SECOND) + 1];
        for (Upstream.Arrival a : r.arrivals()) {
            if (!firstOnly || a.attempt() == 0) {
                counts[(int) (a.atNanos() / SECOND)]++;
            }
        }
        return counts;
    }

    /**
     * Calls are grouped by the 100 ms in which they completed, from the outage's end on; recovery ends with
     * the last group whose success rate is below 99%. 0 when no call completing after the end failed.
     */
    static double recoverySeconds(RunData r, long outageEnd) {
        long lastEnd = r.calls().stream().mapToLong(CallRecord::endNanos).max().orElse(outageEnd);
        int buckets = (int) Math.max(0, (lastEnd - outageEnd) / RECOVERY_BUCKET + 1);
        int[] total = new int[buckets];
        int[] ok = new int[buckets];
        for (CallRecord c : r.calls()) {
            if (c.endNanos() >= outageEnd) {
                int b = (int) ((c.endNanos() - outageEnd) / RECOVERY_BUCKET);
                total[b]++;
                if (c.ok()) {
                    ok[b]++;
                }
            }
        }
        int lastBad = -1;
        for (int b = 0; b < buckets; b++) {
            if (total[b] > 0 && ok[b] < 0.99 * total[b]) {
                lastBad = b;
            }
        }
        return (lastBad + 1) * RECOVERY_BUCKET / 1e9;
    }

    private static RunData baseline(List<RunData> runs, String client) {
        for (RunData r : runs) {
            if (r.client().equals(client) && r.policy() == Policy.NONE) {
                return r;
            }
        }
        return null;
    }
}
