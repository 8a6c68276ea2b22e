package dev.rebound.weave;

import java.io.IOException;

/** Stands in for a client class: a method with state fields, inner handlers and several exits. */
public class Exchange {
    String response;
    String remembered;
    int runs;
    final String[] script;
    boolean quiet;
    /** State kept in a reused object rather than in a field: a re-run must find it emptied. */
    final Seen seen = new Seen();
    final Pairs pairs = new Pairs();

    public Exchange(String... script) {
        this.script = script;
    }

    public String fetch(int bonus, long unused) throws IOException {
        if (remembered != null) {
            throw new IOException("remembered " + remembered);
        }
        if (response != null) {
            return response;
        }
        String step = script[Math.min(runs, script.length - 1)];
        runs++;
        seen.add(step);
        try {
            if (step.equals("boom")) {
                throw new IllegalStateException("boom");
            }
        } catch (IllegalStateException e) {
            // An inner handler must keep catching its own exceptions after weaving.
            step = "caught";
        }
        for (int i = 0; i < bonus; i++) {
            step = step + "+";
        }
        if (step.startsWith("fail")) {
            remembered = step;
            throw new IOException(step);
        }
        response = step;
        return response;
    }

    public void flag() {
        quiet = !quiet;
    }

    public boolean isQuiet() {
        return quiet;
    }

    public String seen() {
        return seen.toString();
    }

    public String pairs() {
        return pairs.toString();
    }

    /** Stands in for a request header table that only the class's own package may change. */
    public static final class Pairs {
        private final StringBuilder set = new StringBuilder();

        public void set(String name, String value) {
            this.set.append(this.set.length() == 0 ? "" : ",").append(name).append('=').append(value);
        }

        @Override
        public String toString() {
            return set.toString();
        }
    }

    /** Stands in for a header table that an exchange fills and a new exchange resets. */
    public static final class Seen {
        private final StringBuilder steps = new StringBuilder();

        public void add(String step) {
            steps.append(steps.length() == 0 ? "" : ",").append(step);
        }

        public void reset() {
            steps.setLength(0);
        }

        @Override
        public String toString() {
            return steps.toString();
        }
    }
}
