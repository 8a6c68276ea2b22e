package dev.rebound.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prometheus' own linter and rule tester. Required: a missing promtool fails the test. */
final class Promtool {
    private Promtool() {
    }

    /** {@code promtool check metrics} on an exposition the agent served. */
    static void assertValid(String exposition) {
        String out = run(null, exposition, "check", "metrics");
        if (out != null) {
            throw new AssertionError("promtool check metrics:\n" + out + "\n--- exposition:\n" + exposition);
        }
    }

    /** Runs {@code promtool args...} in {@code dir} and asserts it exits 0; returns its output. */
    static String assertSucceeds(Path dir, String... args) {
        List<String> output = new ArrayList<>(1);
        String failure = run(dir, null, args, output);
        if (failure != null) {
            throw new AssertionError("promtool " + String.join(" ", args) + ":\n" + failure);
        }
        return output.get(0);
    }

    /** The output when promtool exits non-zero, else null. */
    private static String run(Path dir, String stdin, String... args) {
        return run(dir, stdin, args, new ArrayList<>(1));
    }

    private static String run(Path dir, String stdin, String[] args, List<String> output) {
        List<String> command = new ArrayList<>();
        command.add("promtool");
        command.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("promtool did not finish in 30 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            output.add(out);
            return p.exitValue() == 0 ? null : "exit " + p.exitValue() + "\n" + out;
        } catch (IOException e) {
            throw new AssertionError("promtool is required (Debian package 'prometheus'; .ci/run installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
