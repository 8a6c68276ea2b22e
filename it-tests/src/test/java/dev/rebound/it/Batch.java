package dev.rebound.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.it.apps.SampleAppRuns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sample-app runs planned one by one, then made in ONE child JVM ({@link SampleAppRuns}) in that order:
 * a JVM start-up per batch instead of per scenario. Each run is read back through its {@link Run}.
 */
final class Batch {

    /** Room for a few dozen runs, each bounded by the sample app's own call timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(100);

    private static final Pattern BEGIN = Pattern.compile("^run=(\\d+) begin$");
    private static final Pattern END = Pattern.compile("^run=(\\d+) end exit=(\\d+)$");

    private final List<List<String>> runs = new ArrayList<>();
    private ChildResult child;
    private final Map<Integer, String> outputs = new HashMap<>();
    private final Map<Integer, Integer> exits = new HashMap<>();
    /** The sample app and what goes ahead of it on the child's class path. */
    private final List<java.nio.file.Path> appClassPath;

    Batch() {
        this(List.of(Artifacts.sampleAppJar()));
    }

    Batch(List<java.nio.file.Path> appClassPath) {
        this.appClassPath = List.copyOf(appClassPath);
    }

    /**
     * The JVM for a batch (no main class yet), trusting the upstreams' https port. Its runs share one
     * host, and the agent's breaker counts failed retries across calls to a host: a threshold out of reach
     * keeps each run's attempts its own. Backoff is cut to milliseconds: a test whose subject is the
     * backoff's length, or the breaker, takes a JVM of its own.
     */
    static ChildJvm jvm(Jdk jdk, boolean agent) {
        ChildJvm jvm = TestCerts.get().trustedBy(ChildJvm.on(jdk).agent(agent));
        if (agent) {
            jvm.rebound("circuit.failure-threshold", "1000").rebound("backoff.initial", "1ms").rebound("backoff.max", "5ms");
        }
        return jvm;
    }

    /** Plans one run of the sample app with {@code args}; readable once the batch ran. */
    Run add(List<String> args) {
        if (child != null) {
            throw new IllegalStateException("the batch already ran");
        }
        runs.add(List.copyOf(args));
        return new Run(this, runs.size(), List.copyOf(args));
    }

    int size() {
        return runs.size();
    }

    /**
     * Runs every planned run in {@code jvm} (JDK, agent and settings chosen; no main class yet), with
     * {@code before} (e.g. {@code --metrics <port>}) ahead of the runs; asserts the child exited normally.
     */
    ChildResult run(ChildJvm jvm, String... before) {
        if (runs.isEmpty()) {
            throw new IllegalStateException("no runs planned");
        }
        jvm.testApp(SampleAppRuns.class, appClassPath.toArray(new java.nio.file.Path[0])).timeout(TIMEOUT).args(before);
        for (List<String> args : runs) {
            jvm.args("--run").args(args);
        }
        ChildResult result = jvm.run();
        child = result;
        parse(result.stdout());
        assertEquals(0, result.exitCode(), () -> "batch exit code\n" + result.describe());
        return result;
    }

    ChildResult child() {
        if (child == null) {
            throw new IllegalStateException("the batch has not run");
        }
        return child;
    }

    private void parse(String stdout) {
        StringBuilder current = null;
        for (String line : stdout.lines().toList()) {
            Matcher begin = BEGIN.matcher(line);
            Matcher end = END.matcher(line);
            if (begin.matches()) {
                current = new StringBuilder();
            } else if (end.matches() && current != null) {
                int index = Integer.parseInt(end.group(1));
                outputs.put(index, current.toString());
                exits.put(index, Integer.parseInt(end.group(2)));
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
    }

    /** One planned run of a batch. */
    static final class Run implements AppResult {
        private final Batch batch;
        private final int index;
        private final List<String> args;

        private Run(Batch batch, int index, List<String> args) {
            this.batch = batch;
            this.index = index;
            this.args = args;
        }

        ChildResult child() {
            return batch.child();
        }

        /** The line the batch printed after this run's end line that starts with {@code word}, without it; or null. */
        String afterEnd(String word) {
            String prefix = "run=" + index + " " + word + " ";
            return batch.child().stdoutLines().stream().filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length())).findFirst().orElse(null);
        }

        /** The run's output; fails unless it ended normally with its {@code done} line. */
        @Override
        public AppOutput app() {
            String out = batch.outputs.get(index);
            assertTrue(out != null, () -> "run " + index + " left no output\n" + describe());
            assertEquals(0, batch.exits.get(index), () -> "sample app exit code of run " + index + "\n" + describe());
            AppOutput app = AppOutput.parse(out);
            assertTrue(app.finished(), () -> "run " + index + " printed no done line\n" + describe());
            return app;
        }

        @Override
        public String describe() {
            ChildResult child = batch.child();
            return "run " + index + " of " + batch.size() + ": " + String.join(" ", args) + "\n--- its output ---\n"
                    + batch.outputs.getOrDefault(index, "(none)\n") + "--- the batch's child JVM ---\n" + child.describe();
        }
    }
}
