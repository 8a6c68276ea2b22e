package dev.rebound.sample;

/** Totals of a run: calls made, 2xx/3xx responses, exceptions. */
final class RunSummary {
    private final int calls;
    private final int ok;
    private final int errors;

    RunSummary(int calls, int ok, int errors) {
        this.calls = calls;
        this.ok = ok;
        this.errors = errors;
    }

    int calls() {
        return calls;
    }

    int ok() {
        return ok;
    }

    int errors() {
        return errors;
    }

    /** {@code done calls=<N> ok=<n> errors=<n>}. */
    String format() {
        return "done calls=" + calls + " ok=" + ok + " errors=" + errors;
    }
}
