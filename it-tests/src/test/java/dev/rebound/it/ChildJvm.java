package dev.rebound.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Builds and runs one child JVM: which JDK, with or without the agent, {@code -D} properties,
 * environment, a main jar or a class path plus main class, and arguments. Every run has a hard
 * timeout; a child that outlives it is destroyed through its own process handle and the test fails.
 *
 * <p>The child does not inherit {@code JAVA_TOOL_OPTIONS}, {@code _JAVA_OPTIONS},
 * {@code JDK_JAVA_OPTIONS} or any {@code REBOUND_*} variable from the build's environment, so only
 * what a test sets reaches it.
 */
public final class ChildJvm {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    private static final List<String> SCRUBBED_ENV = List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS");

    private final Jdk jdk;
    private boolean agent;
    private String agentArgs;
    private int fileLimit;
    private final Map<String, String> sysProps = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> agentsBefore = new ArrayList<>();
    private final List<String> agentsAfter = new ArrayList<>();
    private final List<String> launch = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private Duration timeout = DEFAULT_TIMEOUT;

    private ChildJvm(Jdk jdk) {
        this.jdk = Objects.requireNonNull(jdk, "jdk");
    }

    public static ChildJvm on(Jdk jdk) {
        return new ChildJvm(jdk);
    }

    /** Adds {@code -javaagent:<rebound-agent.jar>} to the command line. */
    public ChildJvm withAgent() {
        return agent(true);
    }

    public ChildJvm agent(boolean on) {
        this.agent = on;
        return this;
    }

    /** {@code -javaagent:<rebound-agent.jar>=<arguments>}; implies {@link #withAgent()}. */
    public ChildJvm agentArgs(String arguments) {
        this.agent = true;
        this.agentArgs = Objects.requireNonNull(arguments, "arguments");
        return this;
    }

    /**
     * Another {@code -javaagent:<jar>}, placed before rebound's on the command line or after it (the
     * order in which the JVM starts them); without rebound's, it is the only agent.
     */
    public ChildJvm otherAgent(Path jar, boolean beforeRebound) {
        (beforeRebound ? agentsBefore : agentsAfter).add("-javaagent:" + jar);
        return this;
    }

    /** {@code -D<key>=<value>}. */
    public ChildJvm sysProp(String key, String value) {
        requireText(key, "key");
        sysProps.put(key, Objects.requireNonNull(value, "value"));
        return this;
    }

    /** {@code -Drebound.<key>=<value>}: an agent setting. */
    public ChildJvm rebound(String key, String value) {
        return sysProp("rebound." + key, value);
    }

    /** An environment variable of the child, {@code JAVA_TOOL_OPTIONS} included. */
    public ChildJvm env(String name, String value) {
        requireText(name, "name");
        env.put(name, Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Runs the child under {@code ulimit -n <limit>} (through {@code sh}, which then {@code exec}s the JVM, so the
     * process is still the JVM): for tests about running out of file descriptors. POSIX only.
     */
    public ChildJvm fileLimit(int limit) {
        if (limit < 16) {
            throw new IllegalArgumentException("file limit too low for a JVM: " + limit);
        }
        this.fileLimit = limit;
        return this;
    }

    /** Any other JVM option, placed before the main jar or class. */
    public ChildJvm jvmArg(String arg) {
        requireText(arg, "arg");
        jvmArgs.add(arg);
        return this;
    }

    /** Runs {@code -jar <jar>}. */
    public ChildJvm jar(Path jar) {
        requireNoLaunchYet();
        launch.add("-jar");
        launch.add(jar.toString());
        return this;
    }

    /** Runs the sample app's jar. */
    public ChildJvm sampleApp() {
        return jar(Artifacts.sampleAppJar());
    }

    /** Runs {@code -cp <classpath> <mainClass>}. */
    public ChildJvm mainClass(List<Path> classpath, String mainClass) {
        requireNoLaunchYet();
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException("classpath must not be empty");
        }
        requireText(mainClass, "mainClass");
        List<String> entries = new ArrayList<>();
        classpath.forEach(p -> entries.add(p.toString()));
        launch.add("-cp");
        launch.add(String.join(java.io.File.pathSeparator, entries));
        launch.add(mainClass);
        return this;
    }

    /** Runs one of this module's test apps from the compiled test classes plus {@code extra} entries. */
    public ChildJvm testApp(Class<?> main, Path... extra) {
        List<Path> classpath = new ArrayList<>();
        classpath.add(Artifacts.testClasses());
        Collections.addAll(classpath, extra);
        return mainClass(classpath, main.getName());
    }

    public ChildJvm args(String... more) {
        for (String arg : more) {
            args.add(Objects.requireNonNull(arg, "arg"));
        }
        return this;
    }

    public ChildJvm args(List<String> more) {
        return args(more.toArray(new String[0]));
    }

    public ChildJvm timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero() || limit.compareTo(Duration.ofMinutes(2)) > 0) {
            throw new IllegalArgumentException("timeout must be in (0, 2 min]: " + limit);
        }
        this.timeout = limit;
        return this;
    }

    /** The full command line, as it will be run. */
    public List<String> command() {
        if (launch.isEmpty()) {
            throw new IllegalStateException("no main jar or main class: call jar(), sampleApp(), mainClass() or testApp()");
        }
        List<String> cmd = new ArrayList<>();
        if (fileLimit > 0) {
            cmd.addAll(List.of("/bin/sh", "-c", "ulimit -n " + fileLimit + " && exec \"$@\"", "sh"));
        }
        cmd.add(jdk.javaExecutable().toString());
        cmd.addAll(agentsBefore);
        if (agent) {
            cmd.add("-javaagent:" + Artifacts.agentJar() + (agentArgs == null ? "" : "=" + agentArgs));
        }
        cmd.addAll(agentsAfter);
        sysProps.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(jvmArgs);
        cmd.addAll(launch);
        cmd.addAll(args);
        return cmd;
    }

    /** Runs the child to completion; fails the test if it outlives the timeout. */
    public ChildResult run() {
        List<String> cmd = command();
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("rebound-it-", ".out");
            err = Files.createTempFile("rebound-it-", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            Map<String, String> childEnv = pb.environment();
            scrub(childEnv);
            childEnv.putAll(env);
            long start = System.nanoTime();
            Process process = pb.start();
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (!exited) {
                process.toHandle().destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("child JVM did not finish within " + timeout + ":\n"
                        + new ChildResult(cmd, env, -1, read(out), read(err), elapsed).describe());
            }
            return new ChildResult(cmd, env, process.exitValue(), read(out), read(err), elapsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the child JVM", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /**
     * Starts the child and returns at once, stdin and stdout (stderr merged in) piped to the test, for a test
     * that talks to a running app. The caller must destroy it ({@code destroyForcibly}) in a finally block.
     */
    public Process startInteractive() {
        ProcessBuilder pb = new ProcessBuilder(command()).redirectErrorStream(true);
        scrub(pb.environment());
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void scrub(Map<String, String> childEnv) {
        for (Iterator<String> it = childEnv.keySet().iterator(); it.hasNext(); ) {
            String name = it.next();
            if (SCRUBBED_ENV.contains(name) || name.startsWith("REBOUND_")) {
                it.remove();
            }
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A stray temp file is harmless; the test result is what matters.
            }
        }
    }

    private void requireNoLaunchYet() {
        if (!launch.isEmpty()) {
            throw new IllegalStateException("main jar or class already set: " + launch);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
