package dev.rebound.engine;

/** How a logical call ended, as the {@code outcome} metric label. */
public enum Outcome {
    /** The first attempt was final: a response that is not a retry candidate. */
    OK("ok"),
    /** A retry turned a failure into a response the app accepts. */
    RECOVERED("recovered"),
    /** Every allowed attempt failed; the app got the last one. */
    EXHAUSTED("exhausted"),
    /** A retry candidate was not retried; see {@link SkipCause}. */
    NOT_RETRIED("not_retried"),
    /** The first attempt was final and failed in transport (not a retry candidate): the app got its exception. */
    FAILED("failed");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
