package dev.rebound.engine;

/** How a backoff delay is randomised, so that many clients failing together do not retry together. */
public enum Jitter {
    /** Uniform in [0, cap]: spreads retries the most. */
    FULL("full"),
    /** Half the cap fixed plus a uniform half: keeps a minimum wait. */
    EQUAL("equal"),
    /** Uniform in [initial, 3 x previous delay], capped: grows with the previous delay, not the attempt number. */
    DECORRELATED("decorrelated"),
    /** The cap itself: deterministic. */
    NONE("none");

    private final String label;

    Jitter(String label) {
        this.label = label;
    }

    /** The configuration value ({@code backoff.jitter}). */
    public String label() {
        return label;
    }
}
