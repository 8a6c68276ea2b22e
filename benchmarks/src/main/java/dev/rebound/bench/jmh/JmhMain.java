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
        int rounds = args.getInt("rounds", smoke ? 1 : 3);
        int warmups = args.getInt("warmup-iterations", smoke ? 1 : 3);
        int iterations = args.getInt("iterations", smoke ? 1 : 5);
        TimeValue time = TimeValue.milliseconds(args.getInt("iteration-ms", smoke ? 200 : 1000));
        args.rejectUnknown();

        ResultFile doc = new ResultFile("Overhead (JMH " + org.openjdk.jmh.util.Utils.class.getPackage().getImplementationVersion() + ")");
        doc.paragraph("Each figure from one run of `benchmarks/run-jmh.sh`: " + warmups + " warm-up and " + iterations
                + " measured iterations of " + time + " per fork, one thread, JDK " + Runtime.version().feature() + ".");

        RunResult engine = engine(warmups, iterations, time, smoke ? 1 : 2);
        double ns = engine.getPrimaryResult().getScore();
        double bytes = secondary(engine, "gc.alloc.rate.norm");
        doc.section("(a) Engine decision for a call whose first attempt succeeds");
        doc.paragraph("`enabledFor(host, port)` + `guard(authority)` + `firstAttemptFinal(...)` with a real "
                + "`MetricsRegistry` as the listener (`EngineDecisionBench`), `-prof gc`.");
        doc.table(new MarkdownTable("benchmark", "time per call", "allocated per call", "target", "")
                .row("EngineDecisionBench.healthyCall", Fmt.f(ns, 1) + " ± " + Fmt.f(engine.getPrimaryResult().getScoreError(), 1) + " ns",
                        Fmt.f(bytes, 3) + " B", "<= 50 ns, 0 B", Fmt.met(ns <= ENGINE_TARGET_NS && bytes < 0.5)));

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
        doc.table(new MarkdownTable("added per call", "ratio (agent / none)", "throughput lost", "target", "")
                .row(Fmt.signed(added, 2) + " us", Fmt.f(a / p, 3), Fmt.pct(loss, 1), "<= 1 us and <= 1%",
                        Fmt.met(added <= ADDED_TARGET_US && loss <= THROUGHPUT_TARGET)));
        doc.paragraph("A loopback call costs tens of microseconds, so a difference of a few percent between forks "
                + "is within the noise of a busy 2-core machine; the per-round columns show the spread.");
        doc.write(out, "jmh.md");
    }

    private static RunResult engine(int warmups, int iterations, TimeValue time, int forks) throws RunnerException {
        ChainedOptionsBuilder o = common(EngineDecisionBench.class, warmups, iterations, time)
                .forks(forks).addProfiler(GCProfiler.class);
        return single(new Runner(o.build()).run());
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

    private static String list(List<Double> values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(Fmt.f(v, 2));
        }
        return sb.toString();
    }
}
