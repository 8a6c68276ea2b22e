package dev.rebound.bench.jmh;

import dev.rebound.bench.common.Args;
import dev.rebound.bench.common.ClassPaths;
import dev.rebound.bench.common.Fmt;
import dev.rebound.bench.common.MarkdownTable;
import dev.rebound.bench.common.ResultFile;
import dev.rebound.bench.common.Stats;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Runs the JMH benchmarks and writes {@code jmh.md}: (a) the engine's healthy-call decision with the GC
 * profiler, (b) an {@code HttpURLConnection} GET in forks without and with the agent, alternating
 * (plain, agent, agent, plain, ...) so that drift on a busy machine hits both alike; medians over rounds.
 */
public final class JmhMain {
    static final double ENGINE_TARGET_NS = 50;
    static final double ADDED_TARGET_US = 1.0;
    static final double THROUGHPUT_TARGET = 0.01;

    private JmhMain() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path out = Path.of(args.get("out", "benchmarks/results"));
        boolean smoke = args.flag("smoke");
        int rounds = args.getInt("rounds", smoke ? 1 : 4);
        int warmups = args.getInt("warmup-iterations", smoke ? 1 : 5);
        int iterations = args.getInt("iterations", smoke ? 1 : 5);
        TimeValue time = TimeValue.milliseconds(args.getInt("iteration-ms", smoke ? 200 : 1000));
        boolean engineOnly = args.flag("engine-only");
        args.rejectUnknown();
        int cores = Runtime.getRuntime().availableProcessors();

        ResultFile doc = new ResultFile("Overhead (JMH " + org.openjdk.jmh.util.Version.getPlainVersion() + ")");
        doc.paragraph("Each figure from one run of `benchmarks/run-jmh.sh`: " + warmups + " warm-up and " + iterations
                + " measured iterations of " + time + " per fork, one thread unless a row says otherwise, JDK " + Runtime.version().feature() + ".");

        int forks = smoke ? 1 : 2;
        RunResult engine = gcProfiled(EngineDecisionBench.class, warmups, iterations, time, forks, 1);
        RunResult engineAll = gcProfiled(EngineDecisionBench.class, warmups, iterations, time, forks, cores);
        RunResult guard = gcProfiled(HostGuardHealthyBench.class, warmups, iterations, time, forks, 1);
        RunResult guardAll = gcProfiled(HostGuardHealthyBench.class, warmups, iterations, time, forks, cores);
        RunResult hooks = gcProfiled(UrlConnectionHooksBench.class, warmups, iterations, time, forks, 1);
        double ns = engine.getPrimaryResult().getScore();
        double bytes = secondary(engine, "gc.alloc.rate.norm");
        double allNs = engineAll.getPrimaryResult().getScore();
        double allBytes = secondary(engineAll, "gc.alloc.rate.norm");
        double hooksNs = hooks.getPrimaryResult().getScore();
        double hooksBytes = secondary(hooks, "gc.alloc.rate.norm");
        doc.section("(a) Engine decision for a call whose first attempt succeeds");
        doc.paragraph("`EngineDecisionBench`: `enabledFor(host, port)` + `guard(authority)` + `firstAttemptFinal(...)` "
                + "with a real `MetricsRegistry` as the listener. `UrlConnectionHooksBench`: the woven method's "
                + "`enter` and `exit` hooks through the real adapter, engine and metrics on a real, unconnected "
                + "`HttpURLConnection`: all that the agent adds to a healthy call, without the network. Both with "
                + "`-prof gc`, " + forks + " fork(s). The engine decision is also run with " + cores
                + " threads (every core) calling the same host at once: its figure is the time per call on each "
                + "thread, so contention on the host's shared state would show as a higher figure (as would other "
                + "processes taking a core: see the load average). `HostGuardHealthyBench`: the host guard's share "
                + "alone (budget and breaker, no metrics), at 1 thread and every core.");
        doc.table(new MarkdownTable("benchmark", "time per call", "allocated per call", "target", "")
                .row("EngineDecisionBench.healthyCall, 1 thread", score(engine, "ns"), Fmt.f(bytes, 3) + " B",
                        "<= 50 ns, 0 B", Fmt.met(ns <= ENGINE_TARGET_NS && bytes < 0.5))
                .row("EngineDecisionBench.healthyCall, " + cores + " threads, one host", score(engineAll, "ns"),
                        Fmt.f(allBytes, 3) + " B", "<= 50 ns, 0 B", Fmt.met(allNs <= ENGINE_TARGET_NS && allBytes < 0.5))
                .row("HostGuardHealthyBench.healthyFirstAttempt, 1 thread", score(guard, "ns"),
                        Fmt.f(secondary(guard, "gc.alloc.rate.norm"), 3) + " B", "(part of the above)", "")
                .row("HostGuardHealthyBench.healthyFirstAttempt, " + cores + " threads, one host", score(guardAll, "ns"),
                        Fmt.f(secondary(guardAll, "gc.alloc.rate.norm"), 3) + " B", "(part of the above)", "")
                .row("UrlConnectionHooksBench.healthyExchangeHooks", score(hooks, "ns"), Fmt.f(hooksBytes, 3) + " B",
                        "<= 1 us added per call", Fmt.met(hooksNs <= ADDED_TARGET_US * 1000)));

        if (engineOnly) {
            doc.write(out, "jmh-engine.md");
            return;
        }
        outerRetrierCheck(doc, warmups, iterations, time, forks);

        Path agentJar = ClassPaths.agentJar();
        List<Double> plain = new ArrayList<>();
        List<Double> agent = new ArrayList<>();
        String saved = System.getProperty("java.class.path");
        // JMH gives its forks this JVM's java.class.path; forks with -javaagent must not see the agent's
        // unshaded classes there (ClassPaths explains why), so the HTTP forks get the class path without them.
        System.setProperty("java.class.path", ClassPaths.withoutAgent());
        try {
            for (int r = 0; r < rounds; r++) {
                boolean agentFirst = r % 2 == 1;
                for (int k = 0; k < 2; k++) {
                    boolean withAgent = (k == 0) == agentFirst;
                    double us = http(withAgent, agentJar, warmups, iterations, time).getPrimaryResult().getScore();
                    (withAgent ? agent : plain).add(us);
                }
            }
        } finally {
            System.setProperty("java.class.path", saved);
        }
        double p = Stats.medianOfRuns(plain.stream().mapToDouble(Double::doubleValue).toArray());
        double a = Stats.medianOfRuns(agent.stream().mapToDouble(Double::doubleValue).toArray());
        double added = a - p;
        double loss = 1 - p / a;
        doc.section("(b) HttpURLConnection GET on loopback, without and with the agent");
        doc.paragraph("`UrlConnectionGetBench.get`: open, `getResponseCode`, read the body (keep-alive), against a JDK "
                + "HttpServer in the same JVM. " + rounds + " round(s) of one fork each per variant, alternating; "
                + "each fork checks that the agent is (or is not) loaded. Medians over the rounds.");
        MarkdownTable t = new MarkdownTable("variant", "time per call (median)", "throughput", "per round (us/op)");
        t.row("no agent", Fmt.f(p, 2) + " us", Fmt.f(1e6 / p, 0) + " calls/s", list(plain));
        t.row("rebound agent", Fmt.f(a, 2) + " us", Fmt.f(1e6 / a, 0) + " calls/s", list(agent));
        doc.table(t);
        double spread = Math.max(spread(plain), spread(agent));
        boolean resolved = rounds >= 2 && Math.abs(added) > spread;
        doc.table(new MarkdownTable("added per call", "ratio (agent / none)", "throughput lost", "spread between rounds", "target", "")
                .row(Fmt.signed(added, 2) + " us", Fmt.f(a / p, 3), Fmt.pct(loss, 1), Fmt.f(spread, 2) + " us",
                        "<= 1 us and <= 1%", resolved ? Fmt.met(added <= ADDED_TARGET_US && loss <= THROUGHPUT_TARGET)
                                : "within noise"));
        doc.paragraph("The end-to-end difference is only meaningful where it exceeds the spread between rounds of the "
                + "same variant (max - min); otherwise the added cost is read from `UrlConnectionHooksBench` above ("
                + Fmt.f(hooksNs, 0) + " ns = " + Fmt.pct(hooksNs / 1000.0 / p, 2) + " of a " + Fmt.f(p, 0)
                + " us loopback call).");
        doc.write(out, "jmh.md");
    }

    /** (c) The outer-retrier rule: its price on a retry candidate, and nothing on a healthy call. */
    private static void outerRetrierCheck(ResultFile doc, int warmups, int iterations, TimeValue time, int forks)
            throws RunnerException {
        ChainedOptionsBuilder o = common(OuterRetrierCheckBench.class, warmups, iterations, time).forks(forks)
                .addProfiler(GCProfiler.class);
        MarkdownTable t = new MarkdownTable("benchmark", "outer-retriers", "stack depth", "time per call", "allocated per call");
        for (RunResult r : new Runner(o.build()).run()) {
            String label = r.getPrimaryResult().getLabel();
            String retriers = r.getParams().getParam("retriers");
            if (label.equals("stackWalkerNoMatch") && !retriers.equals("default")) {
                continue; // does not depend on the setting
            }
            t.row("OuterRetrierCheckBench." + label, label.equals("stackWalkerNoMatch") ? "(default list)" : retriers,
                    r.getParams().getParam("depth"), score(r, "ns"),
                    Fmt.f(secondary(r, "gc.alloc.rate.norm"), 0) + " B");
        }
        doc.section("(c) The outer-retrier rule (one retry layer)");
        doc.paragraph("`OuterRetrierCheckBench`: `retryCandidate` is a call whose first attempt got a 502, from "
                + "`engine.begin` to the engine's answer (a retry), made `depth` frames down; with the default "
                + "`outer-retriers` that answer includes one `Thread.getStackTrace()` and the search, with `none` it "
                + "does not: the difference is the rule's price, paid once per call and only on a retry candidate. "
                + "`healthyCall` is `firstAttemptFinal` at the same depth: no code of the rule runs there, so both "
                + "settings must agree within noise. `stackWalkerNoMatch` is the same search with Java 9's "
                + "`StackWalker` (not used: it cannot walk another thread, which the JDK client's `send` needs).");
        doc.table(t);
    }

    private static RunResult gcProfiled(Class<?> benchmark, int warmups, int iterations, TimeValue time, int forks,
                                        int threads) throws RunnerException {
        ChainedOptionsBuilder o = common(benchmark, warmups, iterations, time).forks(forks).threads(threads)
                .addProfiler(GCProfiler.class);
        return single(new Runner(o.build()).run());
    }

    private static String score(RunResult r, String unit) {
        return Fmt.f(r.getPrimaryResult().getScore(), 1) + " ± " + Fmt.f(r.getPrimaryResult().getScoreError(), 1) + " " + unit;
    }

    private static RunResult http(boolean withAgent, Path agentJar, int warmups, int iterations, TimeValue time)
            throws RunnerException {
        ChainedOptionsBuilder o = common(UrlConnectionGetBench.class, warmups, iterations, time).forks(1);
        if (withAgent) {
            o.jvmArgsAppend("-javaagent:" + agentJar, "-D" + UrlConnectionGetBench.EXPECT_AGENT + "=true");
        } else {
            o.jvmArgsAppend("-D" + UrlConnectionGetBench.EXPECT_AGENT + "=false");
        }
        return single(new Runner(o.build()).run());
    }

    private static ChainedOptionsBuilder common(Class<?> benchmark, int warmups, int iterations, TimeValue time) {
        return new OptionsBuilder()
                .include("^" + benchmark.getName().replace(".", "\\.") + "\\.")
                .jvmArgs("-Xmx512m")
                .threads(1)
                .warmupIterations(warmups).warmupTime(time)
                .measurementIterations(iterations).measurementTime(time)
                .shouldFailOnError(true);
    }

    private static RunResult single(Collection<RunResult> results) {
        if (results.size() != 1) {
            throw new IllegalStateException("expected one benchmark result, got " + results.size());
        }
        return results.iterator().next();
    }

    private static double secondary(RunResult r, String suffix) {
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith(suffix)) {
                return e.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    private static double spread(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                - values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static String list(List<Double> values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(Fmt.f(v, 2));
        }
        return sb.toString();
    }
}
