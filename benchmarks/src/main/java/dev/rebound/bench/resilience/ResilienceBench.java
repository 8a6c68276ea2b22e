package dev.rebound.bench.resilience;

import dev.rebound.bench.common.Args;
import dev.rebound.bench.common.ChildProcess;
import dev.rebound.bench.common.ClassPaths;
import dev.rebound.bench.common.Fmt;
import dev.rebound.bench.common.MarkdownTable;
import dev.rebound.bench.common.ResultFile;
import dev.rebound.bench.common.WorkDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs every scenario for every client and policy, one child JVM per run, against one scripted loopback
 * {@link Upstream} in this JVM; writes {@code resilience.md} and one outage chart per client.
 *
 * <p>Every policy runs in a child JVM started the same way ({@code -Xmx512m}, same class path), the
 * rebound one with {@code -javaagent} added: same JIT state, heap and thread limits, and rebound's
 * per-host state (budget, breaker) starts fresh for each scenario as it would in a new process.
 */
public final class ResilienceBench {
    private static final String DRIVER = LoadDriver.class.getName();

    private final Schedule schedule;
    private final Upstream upstream;
    private final Path work;
    private final Path agentJar;
    private final String classPath = ClassPaths.withoutAgent();
    private String reboundLine;

    private ResilienceBench(Schedule schedule, Upstream upstream, Path work, Path agentJar) {
        this.schedule = schedule;
        this.upstream = upstream;
        this.work = work;
        this.agentJar = agentJar;
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path out = Path.of(args.get("out", "benchmarks/results"));
        Schedule schedule = Schedule.from(args);
        List<String> clients = list(args.get("clients", String.join(",", AppClients.names())));
        List<Policy> policies = list(args.get("policies",
                "none,naive,resilience4j,charged_budget,envoy,grpc,rebound"))
                .stream().map(Policy::byLabel).toList();
        List<Scenario> scenarios = list(args.get("scenarios", "S1,S2,S4,S5,S6,S7,S8,S9")).stream().map(Scenario::valueOf).toList();
        args.rejectUnknown();

        try (WorkDir work = new WorkDir("rebound-resilience"); Upstream upstream = new Upstream()) {
            new ResilienceBench(schedule, upstream, work.path(), ClassPaths.agentJar()).run(out, clients, policies, scenarios);
        }
    }

    private void run(Path out, List<String> clients, List<Policy> policies, List<Scenario> scenarios) throws Exception {
        long started = System.nanoTime();
        ResultFile doc = new ResultFile("Resilience scenarios");
        doc.paragraph(setup(policies));
        ScenarioTables tables = new ScenarioTables(schedule);
        List<RunData> outageRuns = new ArrayList<>();
        List<RunData> overloadRuns = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            List<RunData> runs = new ArrayList<>();
            for (String client : clients) {
                for (Policy policy : policies) {
                    runs.add(runOnce(scenario, client, policy));
                }
            }
            doc.section(scenario.title() + ": " + scenario.upstream() + ", " + scenario.calls(schedule) + " "
                    + scenario.method() + " calls" + (scenario.jvms(schedule) > 1 ? " per JVM" : "") + " at "
                    + scenario.profile(schedule).replace(":", "/s for ").replace(",", " s, then ") + " s");
            switch (scenario) {
                case S1 -> doc.table(tables.s1(runs));
                case S2 -> {
                    outageRuns.addAll(runs);
                    doc.paragraph("S2: upstream load = wire attempts / app calls (first attempts) arriving in the "
                            + "window. S3 below is measured on the same runs.");
                    doc.table(tables.s2(runs));
                    doc.section("S3 recovery (same runs): the outage ends at " + (int) (schedule.outageEndNanos() / 1e9) + " s");
                    doc.paragraph("Calls grouped by the 100 ms in which they completed; recovery ends with the last "
                            + "group after the outage's end whose success rate is below 99%. None of these policies "
                            + "refuses the app's first attempts (rebound's breaker only stops retries), so success "
                            + "returns with the upstream for all of them; a breaker that blocked calls would show its "
                            + "open time here. What differs is how long calls begun during the outage stay blocked "
                            + "and how many threads they hold (S2's last column).");
                    doc.table(tables.s3(runs));
                }
                case S4 -> doc.table(tables.s4(runs));
                case S6 -> doc.table(tables.s6(runs));
                case S7 -> {
                    overloadRuns.addAll(runs);
                    ScenarioSizes m = schedule.more();
                    doc.paragraph("Capacity " + Fmt.f(m.s7Capacity(), 0) + " requests/s: " + m.s7Workers()
                            + " workers, " + m.s7Queue() + " waiting, " + Fmt.f(m.s7ServiceMs(), 0) + " ms each. "
                            + "Goodput: calls the app saw succeed per second, from the overload's second second "
                            + "to its end. Success after the drop: calls started in that window.");
                    doc.table(tables.s7(runs));
                }
                case S8 -> {
                    doc.paragraph("Each JVM is a driver as in the other scenarios, with its own policy state (for "
                            + "rebound: its own agent, budget and breaker); the upstream starts them together. "
                            + "Load as in S2, over all JVMs' calls.");
                    doc.table(tables.s8(runs));
                }
                case S9 -> doc.table(tables.s9(runs));
                case S5 -> {
                    doc.paragraph("rebound honours Retry-After up to retry-after.max (5 s): 3600 s is beyond it, so "
                            + "the 503 goes to the app at once. The other policies ignore the header.");
                    doc.table(tables.s5(runs));
                }
            }
        }
        doc.section("Summary");
        doc.table(tables.summaryTable());
        doc.section("Targets (rebound)");
        MarkdownTable targets = new MarkdownTable("client", "target", "measured", "");
        for (ScenarioTables.Target t : tables.targets) {
            targets.row(t.client(), t.what(), t.measured(), dev.rebound.bench.common.Fmt.met(t.met()));
        }
        doc.table(targets);
        if (reboundLine != null) {
            doc.paragraph("rebound's start-up line in its child JVMs: `" + reboundLine + "`");
        }
        for (String client : clients) {
            List<RunData> forClient = outageRuns.stream().filter(r -> r.client().equals(client)).toList();
            if (!forClient.isEmpty()) {
                String file = "s2-outage-" + client + ".svg";
                Files.createDirectories(out);
                Files.writeString(out.resolve(file), chart(client, forClient));
                doc.paragraph("![wire attempts per second, " + client + "](" + file + ")");
            }
        }
        for (String client : clients) {
            List<RunData> forClient = overloadRuns.stream().filter(r -> r.client().equals(client)).toList();
            if (!forClient.isEmpty()) {
                String file = "s7-overload-" + client + ".svg";
                Files.createDirectories(out);
                Files.writeString(out.resolve(file), overloadChart(client, forClient));
                doc.paragraph("![goodput per second during S7, " + client + "](" + file + ")");
            }
        }
        doc.paragraph("Total time of this run: " + Math.round((System.nanoTime() - started) / 1e9) + " s.");
        doc.write(out, "resilience.md");
    }

    private String setup(List<Policy> policies) {
        StringBuilder sb = new StringBuilder();
        sb.append("Open-loop load (call i starts at i/rate, each on its own thread) from a child JVM per run ")
                .append("against a scripted JDK HttpServer on 127.0.0.1 (`sun.net.httpserver.nodelay=true`) in the ")
                .append("parent JVM; the upstream counts every wire attempt. Seed ").append(schedule.seed())
                .append(": the upstream's answer depends only on (seed, call, attempt number), so every policy ")
                .append("meets the same failures. Every policy's JVM is started alike; rebound's adds ")
                .append("`-javaagent:agent/target/rebound-agent.jar` with the default configuration.\n\n");
        for (Policy p : policies) {
            sb.append("- **").append(p.label()).append("**: ").append(p.description()).append('\n');
        }
        sb.append("\nThe app treats any non-2xx status as a failure (throws), as typical code does, which is what ")
                .append("the naive loop and Resilience4j retry on.\n\n");
        sb.append("Shortened: ").append(schedule.shortened());
        return sb.toString();
    }

    private RunData runOnce(Scenario scenario, String client, Policy policy) throws Exception {
        Path records = work.resolve(scenario + "-" + client + "-" + policy + ".calls");
        Path log = work.resolve(scenario + "-" + client + "-" + policy + ".log");
        List<String> cmd = new ArrayList<>(List.of(ClassPaths.javaLauncher(), "-Xmx512m"));
        if (policy.usesAgent()) {
            cmd.add("-javaagent:" + agentJar);
        }
        cmd.addAll(List.of("-cp", classPath, DRIVER, "--client", client, "--policy", policy.name(),
                "--url", upstream.baseUri().toString(), "--method", scenario.method(),
                "--profile", scenario.profile(schedule),
                "--naive-wait-scale", Double.toString(schedule.naiveWaitScale())));
        System.err.printf("%s %s %s ...%n", scenario, client, policy.label());
        int jvms = scenario.jvms(schedule);
        upstream.script(scenario.script(schedule), scenario.capacity(schedule), jvms == 1 ? 0 : jvms);
        String output;
        List<CallRecord> calls = new ArrayList<>();
        if (jvms == 1) {
            List<String> one = new ArrayList<>(cmd);
            one.addAll(List.of("--out", records.toString()));
            output = runChild(one, log, scenario, client, policy);
            calls.addAll(CallRecord.read(records));
        } else {
            output = runFleet(cmd, jvms, scenario, client, policy, calls);
        }
        if (policy.usesAgent()) {
            Optional<String> line = output.lines().filter(l -> l.startsWith("rebound ")).findFirst();
            if (line.isEmpty() || !line.get().contains("instrumenting " + client)) {
                throw new IllegalStateException("rebound did not report instrumenting " + client + ":\n" + output);
            }
            reboundLine = line.get();
        }
        return new RunData(scenario, client, policy, calls, upstream.arrivals());
    }

    private String runChild(List<String> cmd, Path log, Scenario scenario, String client, Policy policy)
            throws Exception {
        ChildProcess.Result result = ChildProcess.run(cmd, log, scenario.timeoutSeconds(schedule));
        String output = Files.readString(log);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(scenario + " " + client + " " + policy + " failed (exit "
                    + result.exitCode() + (result.timedOut() ? ", timed out" : "") + "):\n" + output);
        }
        return output;
    }

    /** S8: {@code jvms} drivers at once, lined up by the upstream's {@code /fleet}; their records merged. */
    private String runFleet(List<String> cmd, int jvms, Scenario scenario, String client, Policy policy,
                            List<CallRecord> calls) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        String[] outputs = new String[jvms];
        for (int k = 0; k < jvms; k++) {
            int index = k;
            Path records = work.resolve(scenario + "-" + client + "-" + policy + "-" + k + ".calls");
            Path log = work.resolve(scenario + "-" + client + "-" + policy + "-" + k + ".log");
            List<String> one = new ArrayList<>(cmd);
            // Twenty JVMs share two cores: each is kept light (small heap, one GC thread, C1 only), alike for
            // every policy.
            one.addAll(1, List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
            one.addAll(List.of("--fleet-index", Integer.toString(k), "--out", records.toString()));
            Thread t = new Thread(() -> {
                try {
                    outputs[index] = runChild(one, log, scenario, client, policy);
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "fleet-" + k);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        for (int k = 0; k < jvms; k++) {
            calls.addAll(CallRecord.read(work.resolve(scenario + "-" + client + "-" + policy + "-" + k + ".calls")));
        }
        return outputs[0];
    }

    private String chart(String client, List<RunData> runs) {
        List<OutageChart.Line> lines = new ArrayList<>();
        for (RunData r : runs) {
            lines.add(new OutageChart.Line(r.policy().label(), OutageChart.colorOf(r.policy()),
                    ScenarioTables.perSecond(r, false)));
        }
        int seconds = (int) Math.ceil(schedule.s2BeforeSeconds() + schedule.s2OutageSeconds() + schedule.s2AfterSeconds());
        return OutageChart.render("S2/S3, " + client + ": wire attempts per second during a "
                        + dev.rebound.bench.common.Fmt.f(schedule.s2OutageSeconds(), schedule.s2OutageSeconds() % 1 == 0 ? 0 : 1) + " s outage at " + (int) schedule.s2Rate() + " app calls/s",
                lines, schedule.s2BeforeSeconds(), schedule.s2BeforeSeconds() + schedule.s2OutageSeconds(),
                schedule.s2Rate(), seconds);
    }

    private String overloadChart(String client, List<RunData> runs) {
        ScenarioSizes m = schedule.more();
        int seconds = (int) Math.ceil(m.s7OverloadSeconds() + m.s7AfterSeconds());
        List<OutageChart.Line> lines = new ArrayList<>();
        for (RunData r : runs) {
            lines.add(new OutageChart.Line(r.policy().label(), OutageChart.colorOf(r.policy()),
                    ScenarioTables.goodputPerSecond(r, seconds)));
        }
        return OutageChart.render("S7, " + client + ": calls that succeeded per second; offered "
                        + ScenarioSizes.S7_OVERLOAD + "x then " + ScenarioSizes.S7_UNDERLOAD + "x a capacity of "
                        + Fmt.f(m.s7Capacity(), 0) + "/s",
                lines, 0, m.s7OverloadSeconds(), m.s7Capacity(), seconds,
                "offered " + ScenarioSizes.S7_OVERLOAD + "x capacity", "successful app calls per second",
                "upstream capacity");
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
