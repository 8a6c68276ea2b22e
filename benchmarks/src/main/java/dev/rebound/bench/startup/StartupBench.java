package dev.rebound.bench.startup;

import com.sun.net.httpserver.HttpServer;
import dev.rebound.bench.common.Args;
import dev.rebound.bench.common.ChildProcess;
import dev.rebound.bench.common.ClassPaths;
import dev.rebound.bench.common.Fmt;
import dev.rebound.bench.common.Jdks;
import dev.rebound.bench.common.Jdks.Jdk;
import dev.rebound.bench.common.MarkdownTable;
import dev.rebound.bench.common.ResultFile;
import dev.rebound.bench.common.Stats;
import dev.rebound.bench.common.WorkDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-process start-up of {@link OneCallApp} (one GET to a loopback server in this JVM, then exit):
 * no agent, an empty agent, one no-op transformer, rebound, and the OpenTelemetry Java agent when its jar is given. Runs are
 * interleaved (each round runs every variant once, in a rotated order) so that a busy machine slows all
 * variants alike. Wall time is spawn to exit; peak RSS comes from {@code /usr/bin/time -f %M}. One more
 * run per variant with {@code -Xlog:class+load} and {@code -Xlog:startuptime} shows where time goes.
 */
public final class StartupBench {
    /** Issue 14's goal for a one-call app with every client enabled: over no agent. */
    static final double TARGET_MS = 40;
    static final double TARGET_MIB = 4;
    private static final Pattern INSTALL_MS = Pattern.compile("^rebound .*\\((\\d+) ms\\)\\s*$", Pattern.MULTILINE);
    private static final Path TIME = Path.of("/usr/bin/time");
    private static final String APP = OneCallApp.class.getName();

    /** A way of starting the app. */
    record Variant(String label, List<String> jvmArgs) {
        boolean isRebound() {
            return label.startsWith("rebound");
        }
    }

    private final Path work;
    private final Path appDir;
    private final String url;

    private StartupBench(Path work, Path appDir, String url) {
        this.work = work;
        this.appDir = appDir;
        this.url = url;
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path out = Path.of(args.get("out", "benchmarks/results"));
        int runs = args.getInt("runs", 10);
        int logRuns = args.getInt("log-runs", 5);
        String otel = args.get("otel-jar", "benchmarks/target/otel/opentelemetry-javaagent.jar");
        boolean allJdks = !"running".equals(args.get("jdks", "all"));
        String compare = args.get("compare-jar", "none");
        args.rejectUnknown();

        try (WorkDir dir = new WorkDir("rebound-startup")) {
            runIn(dir.path(), out, runs, logRuns, otel, compare, allJdks);
        }
    }

    private static void runIn(Path work, Path out, int runs, int logRuns, String otel, String compare, boolean allJdks)
            throws Exception {
        Path appDir = work.resolve("app");
        copyClass(OneCallApp.class, appDir);
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("no agent", List.of()));
        variants.add(new Variant("empty agent", List.of("-javaagent:" + emptyAgentJar(work))));
        variants.add(new Variant("no-op transformer", List.of("-javaagent:" + noopTransformerJar(work))));
        variants.add(new Variant("rebound", List.of("-javaagent:" + ClassPaths.agentJar())));
        if (!"none".equals(compare)) {
            // Other builds of rebound (say, before a change), measured in the same interleaved rounds.
            for (String other : compare.split(",")) {
                Path jar = Path.of(other).toAbsolutePath();
                variants.add(new Variant("rebound (" + jar.getFileName() + ")", List.of("-javaagent:" + jar)));
            }
        }
        Path otelJar = Path.of(otel);
        boolean withOtel = !"none".equals(otel) && Files.isRegularFile(otelJar);
        if (withOtel) {
            variants.add(new Variant("OpenTelemetry agent", List.of("-javaagent:" + otelJar.toAbsolutePath(),
                    "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none")));
        }
        List<Jdk> jdks = allJdks ? Jdks.runningAndNewest(Path.of("/usr/lib/jvm")) : List.of(Jdks.running());

        HttpServer server = server();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            new StartupBench(work, appDir, url).run(out, runs, logRuns, variants, jdks, withOtel ? otelJar : null);
        } finally {
            server.stop(0);
        }
    }

    private void run(Path out, int runs, int logRuns, List<Variant> variants, List<Jdk> jdks, Path otelJar) throws Exception {
        ResultFile doc = new ResultFile("Start-up of a one-call app");
        doc.paragraph("`OneCallApp`: one `HttpURLConnection` GET to a loopback server, print the status, exit. "
                + "Wall time from spawn to exit, median of " + runs + " runs per variant, interleaved (every round "
                + "runs each variant once, order rotated). Peak RSS and CPU time (user+sys, all threads, 10 ms resolution) by `/usr/bin/time -f '%M %U %S'`"
                + (Files.isExecutable(TIME) ? "" : " (not installed here: RSS not measured)") + ". rebound with its "
                + "default configuration; the empty agent is a jar whose premain does nothing (the JVM's own cost of "
                + "`-javaagent`), and the no-op transformer one whose premain registers one transformer that changes "
                + "nothing (the floor of any agent that weaves classes as they load); " + (otelJar != null ? "the OpenTelemetry Java agent is " + otelJar.getFileName()
                + " with `-Dotel.{traces,metrics,logs}.exporter=none`." : "the OpenTelemetry agent was not run "
                + "(no jar given).") + " On a machine shared with other work every phase stretches, and the "
                + "differences with it: the CPU time columns are less sensitive to that than wall time, and the fastest "
                + "run of each variant is the one least disturbed. The targets are judged on the medians.");
        Map<String, Samples> all = new LinkedHashMap<>();
        for (Jdk jdk : jdks) {
            Map<String, Samples> samples = new LinkedHashMap<>();
            variants.forEach(v -> samples.put(v.label(), new Samples()));
            for (int round = 0; round < runs; round++) {
                for (int k = 0; k < variants.size(); k++) {
                    Variant v = variants.get((k + round) % variants.size());
                    measure(jdk, v, samples.get(v.label()));
                }
                System.err.printf("%s: round %d/%d done%n", jdk.label(), round + 1, runs);
            }
            samples.forEach((label, s) -> all.put(jdk.label() + " " + label, s));
            doc.section(jdk.label() + " (" + jdk.home().getFileName() + ")");
            doc.table(timeTable(samples));
            Map<String, List<ClassLoadLog>> logs = new LinkedHashMap<>();
            variants.forEach(v -> logs.put(v.label(), new ArrayList<>()));
            for (int i = 0; i < logRuns; i++) {
                for (Variant v : variants) {
                    // Interleaved like the timed runs; the OpenTelemetry agent's logged run is only for its
                    // class count, so once is enough.
                    if (i == 0 || !v.label().startsWith("OpenTelemetry")) {
                        logs.get(v.label()).add(analyse(jdk, v, i));
                    }
                }
            }
            doc.paragraph("Where the time goes: " + logRuns + " more runs per variant with `-Xlog:class+load` and "
                    + "`-Xlog:startuptime` (which slow a run down a little), medians; times are JVM uptime.");
            StartupBreakdown breakdown = new StartupBreakdown(logs, samples);
            doc.table(breakdown.table());
            doc.paragraph(breakdown.explain(jdk));
        }
        doc.write(out, "startup.md");
    }

    private MarkdownTable timeTable(Map<String, Samples> samples) {
        Samples base = samples.get("no agent");
        double baseMs = Samples.median(base.wallMs);
        double baseMiB = Samples.median(base.rssMiB);
        double baseCpu = Samples.median(base.cpuMs);
        double baseFastest = Stats.min(base.wallMs.stream().mapToDouble(Double::doubleValue).toArray());
        MarkdownTable t = new MarkdownTable("variant", "wall time (median)", "vs no agent", "min..max", "fastest vs fastest",
                "CPU user+sys (median)", "vs no agent", "peak RSS (median)", "vs no agent", "target");
        samples.forEach((label, s) -> {
            boolean isBase = label.equals("no agent");
            double ms = Samples.median(s.wallMs);
            double mib = Samples.median(s.rssMiB);
            double cpu = Samples.median(s.cpuMs);
            double[] w = s.wallMs.stream().mapToDouble(Double::doubleValue).toArray();
            String target = "";
            if (label.equals("rebound")) {
                target = "<= +" + Fmt.f(TARGET_MS, 0) + " ms, <= +" + Fmt.f(TARGET_MIB, 0) + " MiB: " + Fmt.met(ms - baseMs <= TARGET_MS && !(mib - baseMiB > TARGET_MIB));
            }
            t.row(label, Fmt.f(ms, 0) + " ms", isBase ? "" : Fmt.signed(ms - baseMs, 0) + " ms",
                    Fmt.f(Stats.min(w), 0) + ".." + Fmt.f(Stats.max(w), 0),
                    isBase ? "" : Fmt.signed(Stats.min(w) - baseFastest, 0) + " ms",
                    Fmt.f(cpu, 0) + " ms", isBase ? "" : Fmt.signed(cpu - baseCpu, 0) + " ms",
                    Fmt.f(mib, 1) + " MiB", isBase ? "" : Fmt.signed(mib - baseMiB, 1) + " MiB", target);
        });
        return t;
    }

    private void measure(Jdk jdk, Variant v, Samples s) throws Exception {
        Path log = work.resolve("run.log");
        Path rss = work.resolve("rss.txt");
        Files.deleteIfExists(log);
        Files.deleteIfExists(rss);
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(TIME);
        if (timed) {
            cmd.addAll(List.of(TIME.toString(), "-f", "%M %U %S", "-o", rss.toString()));
        }
        cmd.add(jdk.java());
        cmd.addAll(v.jvmArgs());
        cmd.addAll(List.of("-cp", appDir.toString(), APP, url));
        ChildProcess.Result r = ChildProcess.run(cmd, log, 120);
        String output = Files.readString(log);
        if (r.exitCode() != 0 || output.lines().noneMatch(l -> l.trim().equals("200"))) {
            throw new IllegalStateException(v.label() + " on " + jdk.label() + " failed (exit " + r.exitCode() + "):\n" + output);
        }
        s.wallMs.add(r.wallNanos() / 1e6);
        if (timed) {
            List<String> lines = Files.readAllLines(rss);
            String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
            s.rssMiB.add(Long.parseLong(f[0]) / 1024.0);
            s.cpuMs.add((Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000.0);
        }
        if (v.isRebound()) {
            Matcher m = INSTALL_MS.matcher(output);
            if (!m.find()) {
                throw new IllegalStateException("rebound printed no start-up line:\n" + output);
            }
            s.installMs.add(Double.parseDouble(m.group(1)));
        }
    }

    private ClassLoadLog analyse(Jdk jdk, Variant v, int run) throws Exception {
        String tag = jdk.major() + "-" + v.label().replace(' ', '-') + "-" + run;
        Path classes = work.resolve("class-load-" + tag + ".txt");
        Path phases = work.resolve("startuptime-" + tag + ".txt");
        List<String> cmd = new ArrayList<>(List.of(jdk.java(),
                "-Xlog:class+load=info:file=" + classes + ":uptimenanos",
                "-Xlog:startuptime=info:file=" + phases + ":uptimenanos"));
        cmd.addAll(v.jvmArgs());
        cmd.addAll(List.of("-cp", appDir.toString(), APP, url));
        Path log = work.resolve("analyse-" + tag + ".log");
        ChildProcess.Result r = ChildProcess.run(cmd, log, 120);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("logged run of " + v.label() + " failed:\n" + Files.readString(log));
        }
        return new ClassLoadLog(classes, phases);
    }

    private static HttpServer server() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        byte[] body = "ok\n".getBytes();
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        return server;
    }

    /** The app's class path holds only the app, so that no agent class can be found there. */
    private static void copyClass(Class<?> type, Path dir) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        Path target = dir.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }

    private static Path emptyAgentJar(Path dir) throws IOException {
        return agentJar(dir, "empty-agent.jar", EmptyAgent.class, List.of(EmptyAgent.class), false);
    }

    private static Path noopTransformerJar(Path dir) throws IOException {
        return agentJar(dir, "noop-transformer-agent.jar", NoopTransformerAgent.class,
                List.of(NoopTransformerAgent.class, NoopTransformerAgent.Noop.class), true);
    }

    private static Path agentJar(Path dir, String name, Class<?> premain, List<Class<?>> classes, boolean retransform)
            throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(new Attributes.Name("Premain-Class"), premain.getName());
        if (retransform) {
            mf.getMainAttributes().put(new Attributes.Name("Can-Retransform-Classes"), "true");
        }
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            for (Class<?> type : classes) {
                String resource = type.getName().replace('.', '/') + ".class";
                try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                    out.putNextEntry(new JarEntry(resource));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }
}
