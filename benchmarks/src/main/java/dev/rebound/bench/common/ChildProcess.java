package dev.rebound.bench.common;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs one child process to its end, bounded in time: on timeout it is killed by its own handle (its PID),
 * and a child still running when this JVM exits (Ctrl-C) is killed the same way, never by name.
 */
public final class ChildProcess {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-children"));
    }

    /** How a child ended and how long it ran, spawn to exit. */
    public record Result(int exitCode, long wallNanos, boolean timedOut) {
    }

    private ChildProcess() {
    }

    /** stdout and stderr go to {@code log} (appended); stdin is empty. */
    public static Result run(List<String> command, Path log, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long start = System.nanoTime();
        Process p = pb.start();
        LIVE.add(p);
        boolean done;
        try {
            done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        } finally {
            LIVE.remove(p);
        }
        long wall = System.nanoTime() - start;
        if (!done) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            return new Result(-1, wall, true);
        }
        return new Result(p.exitValue(), wall, false);
    }
}
