package dev.rebound.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sample app's stdout, parsed: call lines in order plus the closing {@code done} line. */
public record AppOutput(List<CallLine> calls, Done done, List<String> otherLines) {

    private static final Pattern DONE = Pattern.compile("^done calls=(\\d+) ok=(\\d+) errors=(\\d+)$");

    /** {@code done calls=<N> ok=<n> errors=<n>}. */
    public record Done(int calls, int ok, int errors) {
    }

    public AppOutput {
        calls = List.copyOf(calls);
        otherLines = List.copyOf(otherLines);
    }

    public static AppOutput parse(String stdout) {
        List<CallLine> calls = new ArrayList<>();
        List<String> other = new ArrayList<>();
        Done done = null;
        for (String line : stdout.lines().toList()) {
            if (line.startsWith("call=")) {
                calls.add(CallLine.parse(line));
                continue;
            }
            Matcher m = DONE.matcher(line);
            if (m.matches()) {
                done = new Done(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } else {
                other.add(line);
            }
        }
        return new AppOutput(calls, done, other);
    }

    /** The single call of a {@code --count 1} run; fails if there is not exactly one. */
    public CallLine only() {
        if (calls.size() != 1) {
            throw new AssertionError("expected exactly one call line, got " + calls.size() + ": " + calls);
        }
        return calls.get(0);
    }

    public boolean finished() {
        return done != null;
    }
}
