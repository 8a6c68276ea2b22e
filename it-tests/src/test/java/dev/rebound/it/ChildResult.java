package dev.rebound.it;

import java.util.List;
import java.util.Map;

/** What a finished child JVM left: exit code, both streams, wall time seen from the parent. */
public record ChildResult(List<String> command, Map<String, String> env, int exitCode,
                          String stdout, String stderr, long elapsedMillis) implements AppResult {

    private static final int MAX_SHOWN = 6000;

    public ChildResult {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    public List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    public List<String> stderrLines() {
        return stderr.lines().toList();
    }

    /** The sample app's (or a test app's) call lines and done line. */
    @Override
    public AppOutput app() {
        return AppOutput.parse(stdout);
    }

    /** Everything needed to understand a failed assertion, for assertion messages. */
    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("command: ").append(String.join(" ", command)).append('\n');
        if (!env.isEmpty()) {
            sb.append("env: ").append(env).append('\n');
        }
        sb.append("exit: ").append(exitCode).append(", elapsed: ").append(elapsedMillis).append(" ms\n");
        sb.append("--- stdout ---\n").append(clip(stdout));
        sb.append("--- stderr ---\n").append(clip(stderr));
        return sb.toString();
    }

    private static String clip(String text) {
        String shown = text.length() <= MAX_SHOWN ? text
                : text.substring(0, MAX_SHOWN / 2) + "\n[...]\n" + text.substring(text.length() - MAX_SHOWN / 2);
        return shown.endsWith("\n") || shown.isEmpty() ? shown : shown + "\n";
    }
}
