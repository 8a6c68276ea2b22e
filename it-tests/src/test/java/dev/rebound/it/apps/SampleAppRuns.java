package dev.rebound.it.apps;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test app: several sample-app runs in one JVM, one after the other, so that a test pays one JVM
 * start-up for many scenarios. Runs with the sample app's jar on its class path.
 * <pre>
 *   [--metrics &lt;port&gt;] [--traced] --run &lt;sample-app arguments&gt; [--run &lt;sample-app arguments&gt;]...
 * </pre>
 * With {@code --traced} (the OpenTelemetry API on the class path), each run is made under a parent span
 * of its own, whose ids follow the run's end line: {@code run=<i> parent trace=<id> span=<id>}.
 * Each run's output is printed between {@code run=<i> begin} and {@code run=<i> end exit=<code>}; its
 * error output goes to stderr, each line prefixed {@code run=<i> }. With {@code --metrics}, the agent's
 * Prometheus text follows between {@code metrics-begin} and {@code metrics-end}, then its JMX counts.
 */
public final class SampleAppRuns {

    private static final String RUN = "--run";

    private SampleAppRuns() {
    }

    public static void main(String[] args) throws Exception {
        int next = 0;
        int metricsPort = -1;
        if (args.length > 1 && args[0].equals("--metrics")) {
            metricsPort = Integer.parseInt(args[1]);
            next = 2;
        }
        boolean traced = next < args.length && args[next].equals("--traced");
        if (traced) {
            next++;
        }
        // SampleApp.run is package-private; its main would exit the JVM after the first run.
        Method run = Class.forName("dev.rebound.sample.SampleApp")
                .getDeclaredMethod("run", String[].class, PrintStream.class, PrintStream.class);
        run.setAccessible(true);
        List<List<String>> runs = split(args, next);
        for (int i = 0; i < runs.size(); i++) {
            int index = i + 1;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit;
            StringBuilder parent = new StringBuilder();
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                Object[] runArgs = {runs.get(i).toArray(new String[0]), o, e};
                exit = traced
                        ? ParentSpans.around("run-" + index, () -> (Integer) run.invoke(null, runArgs), parent)
                        : (Integer) run.invoke(null, runArgs);
            }
            // A run's lines are printed together: a late line of one run can never land inside another's.
            System.out.println("run=" + index + " begin");
            System.out.print(out.toString(StandardCharsets.UTF_8));
            System.out.println("run=" + index + " end exit=" + exit);
            if (traced) {
                System.out.println("run=" + index + " parent " + parent);
            }
            err.toString(StandardCharsets.UTF_8).lines().forEach(l -> System.err.println("run=" + index + " " + l));
        }
        if (metricsPort >= 0) {
            System.out.println("metrics-begin");
            System.out.print(AgentEndpoints.scrape(metricsPort));
            System.out.println("metrics-end");
            System.out.println(AgentEndpoints.jmx());
        }
        System.exit(0);
    }

    private static List<List<String>> split(String[] args, int from) {
        if (from >= args.length || !args[from].equals(RUN)) {
            throw new IllegalArgumentException("usage: SampleAppRuns [--metrics <port>] --run <args>... [--run <args>...]");
        }
        List<List<String>> runs = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            if (args[i].equals(RUN)) {
                runs.add(new ArrayList<>());
            } else {
                runs.get(runs.size() - 1).add(args[i]);
            }
        }
        return runs;
    }
}
