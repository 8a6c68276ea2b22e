package dev.rebound.bench.soak;

import dev.rebound.bench.common.Args;
import dev.rebound.bench.common.ChildProcess;
import dev.rebound.bench.common.ClassPaths;
import dev.rebound.bench.common.MarkdownTable;
import dev.rebound.bench.common.ResultFile;
import dev.rebound.bench.common.WorkDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak: {@code --calls} GETs per client (default 100,000) at {@code --fault-rate} (default 0.3) mixed faults
 * (502, 503, reset before any byte, no answer until the client's read timeout) from a seeded {@link FaultScript},
 * against a loopback upstream, each client in its own child JVM with the agent. Reports successes against the
 * ideal (a perfect retrier with the same max-attempts on the same script), hung calls, and the child's
 * descriptors, heap and threads after its warm-up and at the end. A command, not a test: {@code run-soak.sh}.
 */
public final class SoakBench {
    static final int MAX_ATTEMPTS = 3;
    static final String RETRY_ON = "502,503,504,connect-failure,reset,timeout";
    private static final List<String> CLIENTS = List.of("url-connection", "jdk-http-client", "apache4", "apache5");

    private SoakBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int calls = args.getInt("calls", 100_000);
        double faultRate = args.getDouble("fault-rate", 0.3);
        long seed = Long.parseLong(args.get("seed", "42"));
        int threads = args.getInt("threads", 8);
        int readTimeout = args.getInt("read-timeout-ms", 100);
        String only = args.get("clients", String.join(",", CLIENTS));
        Path out = Path.of(args.get("out", "benchmarks/results"));
        boolean write = !args.flag("no-write");
        args.rejectUnknown();

        FaultScript script = new FaultScript(seed, faultRate);
        ResultFile result = new ResultFile("Soak: " + calls + " calls per client at " + Math.round(faultRate * 100)
                + "% faults");
        result.paragraph("Each client in its own child JVM with `-javaagent:rebound-agent.jar` (" + threads
                + " threads, read timeout " + readTimeout + " ms; `retry-on=" + RETRY_ON + "`, `max-attempts="
                + MAX_ATTEMPTS + "`, backoff 1..5 ms, retry budget and breaker set out of the way so that the "
                + "retrier itself is measured) against a raw-socket loopback upstream. Seed " + seed + ": attempt n of "
                + "call i gets the same answer in every run; of the faults 40% 502, 20% 503, 20% reset before any "
                + "byte, 20% no answer until the client's read timeout. Ideal = calls a perfect retrier with "
                + MAX_ATTEMPTS + " attempts ends with a 200. Hung = calls still running after "
                + SoakApp.HUNG_MILLIS / 1000 + " s. Resources after the warm-up (first " + Math.min(1000, calls / 10)
                + " calls) -> after the last call and a GC.");
        MarkdownTable table = new MarkdownTable("client", "calls", "ideal 200s", "200s", "200s / ideal",
                "what else the app saw", "hung", "wire attempts", "fds", "heap KiB", "threads", "wall s");
        try (WorkDir work = new WorkDir("rebound-soak"); SoakUpstream upstream = new SoakUpstream(script)) {
            for (String client : only.split(",")) {
                table.row(run(client, calls, threads, readTimeout, script, upstream, work.path()));
            }
        }
        result.table(table);
        if (write) {
            result.write(out, "soak.md");
        }
    }

    private static Object[] run(String client, int calls, int threads, int readTimeout, FaultScript script,
                                SoakUpstream upstream, Path work) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ClassPaths.javaLauncher(), "-Xmx256m",
                "-javaagent:" + ClassPaths.agentJar(),
                "-Drebound.max-attempts=" + MAX_ATTEMPTS, "-Drebound.retry-on=" + RETRY_ON,
                "-Drebound.backoff.initial=1ms", "-Drebound.backoff.max=5ms",
                "-Drebound.budget.ratio=10", "-Drebound.budget.burst=1000000",
                "-Drebound.circuit.failure-threshold=1000000", "-Drebound.log.level=warn",
                "-cp", ClassPaths.withoutAgent(), SoakApp.class.getName(),
                client, Integer.toString(calls), Integer.toString(threads),
                "http://127.0.0.1:" + upstream.port() + "/" + client, Integer.toString(readTimeout)));
        Path log = work.resolve("soak-" + client + ".log");
        long before = upstream.wireAttempts.get();
        ChildProcess.Result r = ChildProcess.run(cmd, log, 120L + calls / 100L);
        long wire = upstream.wireAttempts.get() - before;
        String line = Files.readAllLines(log).stream().filter(l -> l.startsWith("soak ")).findFirst().orElse(null);
        long ideal = 0;
        for (long i = 0; i < calls; i++) {
            if (script.idealSucceeds(i, MAX_ATTEMPTS)) {
                ideal++;
            }
        }
        if (line == null || r.timedOut()) {
            return new Object[] {client, calls, ideal, "-", "-", (r.timedOut() ? "child timed out" : "no result")
                    + ", see " + log, "?", wire, "-", "-", "-", r.wallNanos() / 1_000_000_000L};
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (String part : line.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                f.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        long ok = Long.parseLong(f.getOrDefault("outcome.status_200", "0"));
        StringBuilder other = new StringBuilder();
        f.forEach((k, v) -> {
            if (k.startsWith("outcome.") && !k.equals("outcome.status_200")) {
                other.append(other.length() == 0 ? "" : ", ").append(k.substring(8).replace("status_", "")).append(": ")
                        .append(v);
            }
        });
        return new Object[] {client, calls, ideal, ok, String.format("%.4f", (double) ok / ideal),
                other.length() == 0 ? "-" : other, f.get("hung"), wire,
                f.get("start.fds") + " -> " + f.get("end.fds"), f.get("start.heap_kib") + " -> " + f.get("end.heap_kib"),
                f.get("start.threads") + " -> " + f.get("end.threads"), r.wallNanos() / 1_000_000_000L};
    }
}
