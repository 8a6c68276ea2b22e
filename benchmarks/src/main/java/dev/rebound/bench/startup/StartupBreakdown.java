package dev.rebound.bench.startup;

import dev.rebound.bench.common.Fmt;
import dev.rebound.bench.common.Jdks.Jdk;
import dev.rebound.bench.common.MarkdownTable;
import dev.rebound.bench.common.Stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Where start-up time goes, from the logged runs of each variant: every figure is the median over those
 * runs, so that one slow run on a busy machine does not become the explanation.
 */
final class StartupBreakdown {
    static final String MAIN_CLASS = OneCallApp.class.getName();
    static final String URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";
    static final String PREMAIN = "dev.rebound.agent.Premain";
    static final String AGENT = "dev.rebound.agent.Agent";
    private static final String OWN = "dev.rebound.";
    private static final String ASM = "dev.rebound.shaded.";
    private static final String REBOUND = "rebound";
    private static final String OTEL = "OpenTelemetry agent";

    private final Map<String, List<ClassLoadLog>> logs;
    private final Map<String, Samples> samples;
    private final List<String> variants;

    StartupBreakdown(Map<String, List<ClassLoadLog>> logs, Map<String, Samples> samples) {
        this.logs = logs;
        this.samples = samples;
        this.variants = new ArrayList<>(logs.keySet());
    }

    MarkdownTable table() {
        List<String> header = new ArrayList<>(List.of("uptime / count (median of the logged runs)"));
        header.addAll(variants);
        MarkdownTable t = new MarkdownTable(header.toArray(new String[0]));
        t.row(all("classes loaded", l -> l.classCount(), v -> Fmt.f(v, 0)));
        t.row(all("JVM phase 'Initialize module system'", l -> l.phaseMillis("Initialize module system"), Fmt::ms));
        t.row(all("JVM phase 'Create VM' (includes premain)", l -> l.phaseMillis("Create VM"), Fmt::ms));
        t.row(all("app main class loaded at", l -> l.atMillis(MAIN_CLASS), Fmt::ms));
        t.row(all("HttpURLConnection impl loaded at", l -> l.atMillis(URL_CONNECTION), Fmt::ms));
        t.row(all("main class .. HttpURLConnection impl loaded (rebound weaves it in between)",
                l -> l.atMillis(URL_CONNECTION) - l.atMillis(MAIN_CLASS), Fmt::ms));
        t.row(all("last class loaded at (about exit)", ClassLoadLog::lastLoadMillis, Fmt::ms));
        if (logs.containsKey(REBOUND)) {
            t.row(one(REBOUND, "rebound classes: defined on the bootstrap path / loaded before main / at the first call",
                    f(l -> l.countDefined(OWN), 0) + " / " + f(l -> l.countBefore(OWN, MAIN_CLASS, true), 0)
                            + " / " + f(l -> l.countBefore(OWN, MAIN_CLASS, false), 0)));
            t.row(one(REBOUND, "of which shaded ASM", f(l -> l.count(ASM), 0)));
            t.row(one(REBOUND, "premain, bootstrap injection: Premain .. Agent class loaded",
                    span(l -> l.atMillis(PREMAIN), l -> l.atMillis(AGENT))));
            t.row(one(REBOUND, "of which method-handle classes generated (reflection, lambdas)",
                    f(l -> l.spunBetween(PREMAIN, AGENT), 0)));
            t.row(one(REBOUND, "premain, install: Agent class .. last rebound class before main",
                    span(l -> l.atMillis(AGENT), l -> l.lastBeforeMillis(OWN, MAIN_CLASS))));
            t.row(one(REBOUND, "install time rebound prints (median of the timed runs)",
                    Fmt.ms(Samples.median(samples.get(REBOUND).installMs))));
        }
        if (logs.containsKey(OTEL)) {
            t.row(one(OTEL, "OpenTelemetry classes (io.opentelemetry.*)", f(OTEL, l -> l.count("io.opentelemetry."), 0)));
        }
        return t;
    }

    String explain(Jdk jdk) {
        if (!logs.containsKey("no agent") || !logs.containsKey("empty agent") || !logs.containsKey(REBOUND)) {
            return "";
        }
        double total = wall(REBOUND) - wall("no agent");
        double emptyCost = wall("empty agent") - wall("no agent");
        double module = med("empty agent", l -> l.phaseMillis("Initialize module system"))
                - med("no agent", l -> l.phaseMillis("Initialize module system"));
        double injection = med(REBOUND, l -> l.atMillis(AGENT) - l.atMillis(PREMAIN));
        double install = Samples.median(samples.get(REBOUND).installMs);
        ToDoubleFunction<ClassLoadLog> firstCall = l -> l.atMillis(URL_CONNECTION) - l.atMillis(MAIN_CLASS);
        // Against the empty agent: without any agent the first call also pays for JDK set-up (the module
        // image reader, for one) that an agent's start-up has already done.
        double weave = med(REBOUND, firstCall) - med("empty agent", firstCall);
        double extraClasses = med(REBOUND, ClassLoadLog::classCount) - med("no agent", ClassLoadLog::classCount);
        double cpu = Samples.median(samples.get(REBOUND).cpuMs) - Samples.median(samples.get("no agent").cpuMs);
        return jdk.label() + ": rebound adds " + Fmt.signed(total, 0) + " ms of wall time and " + Fmt.signed(cpu, 0)
                + " ms of CPU time (medians of the timed runs). About "
                + Fmt.f(emptyCost, 0) + " ms of it is what any `-javaagent` costs (the empty agent): with an agent the "
                + "JVM resolves the module graph at start instead of mapping it from the CDS archive ('Initialize "
                + "module system' " + Fmt.signed(module, 0) + " ms) and loads `java.instrument`. rebound's premain "
                + "then defines its " + f(l -> l.countDefined(OWN), 0) + " bootstrap-path classes (hooks, engine, configuration, "
                + "metrics, the weaver and its shaded ASM; ~"
                + Fmt.f(injection, 0) + " ms from loading `Premain` to loading `Agent`, during which the JVM generates "
                + f(l -> l.spunBetween(PREMAIN, AGENT), 0) + " method-handle classes: the lambdas inside `Instrumentation.redefineModule` and the "
                + "JVM's own reflective call of `premain`; rebound calls `Unsafe.defineClass` directly, since on JDK 18+ "
                + "each reflective call would run on generated method handles) and installs (configuration, "
                + "engine, metrics, transformer: ~" + Fmt.f(install, 0) + " ms by its own clock); weaving "
                + "`HttpURLConnection` at the app's first call adds ~" + Fmt.f(weave, 0) + " ms (from loading the main class "
                + "to loading that class, against the empty agent): one parse and write of the 58 KB class by the shaded ASM, "
                + "in the interpreter on a cold JVM. Everything else is the "
                + Fmt.f(extraClasses, 0) + " extra classes (rebound's " + f(l -> l.count(OWN), 0)
                + " plus JDK classes its code and `java.instrument` use) being loaded, linked and run in the "
                + "interpreter on a cold JVM.";
    }

    private double wall(String variant) {
        return Samples.median(samples.get(variant).wallMs);
    }

    private double med(String variant, ToDoubleFunction<ClassLoadLog> f) {
        return Stats.medianOfRuns(logs.get(variant).stream().mapToDouble(f).toArray());
    }

    private String f(ToDoubleFunction<ClassLoadLog> fn, int decimals) {
        return f(REBOUND, fn, decimals);
    }

    private String f(String variant, ToDoubleFunction<ClassLoadLog> fn, int decimals) {
        return Fmt.f(med(variant, fn), decimals);
    }

    private String span(ToDoubleFunction<ClassLoadLog> from, ToDoubleFunction<ClassLoadLog> to) {
        return Fmt.ms(med(REBOUND, from)) + " .. " + Fmt.ms(med(REBOUND, to))
                + " (" + Fmt.ms(med(REBOUND, l -> to.applyAsDouble(l) - from.applyAsDouble(l))) + ")";
    }

    private Object[] all(String label, ToDoubleFunction<ClassLoadLog> f, java.util.function.DoubleFunction<String> fmt) {
        List<String> c = new ArrayList<>();
        c.add(label);
        for (String v : variants) {
            c.add(fmt.apply(med(v, f)));
        }
        return c.toArray();
    }

    private Object[] one(String variant, String label, String value) {
        String[] c = new String[variants.size() + 1];
        Arrays.fill(c, "");
        c[0] = label;
        c[variants.indexOf(variant) + 1] = value;
        return c;
    }
}
