package dev.rebound.engine;

/** Why a retry candidate was not retried, as the {@code cause} metric label. */
public enum SkipCause {
    METHOD("method"),
    BODY("body"),
    BUDGET("budget"),
    CIRCUIT("circuit"),
    RETRY_AFTER("retry_after"),
    DEADLINE("deadline"),
    OBSERVE("observe"),
    /** The call runs inside a retry library that retries it itself ({@link OuterRetriers}). */
    OUTER_RETRY("outer_retry");

    private final String label;

    SkipCause(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
