package dev.rebound.engine;

import java.util.Locale;

/** How a backoff delay is randomised, so that many clients failing together do not retry together. */
public enum Jitter {
    /** Uniform in [0, cap]: spreads retries the most. */
    FULL,
    /** Half the cap fixed plus a uniform half: keeps a minimum wait. */
    EQUAL,
    /** Uniform in [initial, 3 x previous delay], capped: grows with the previous delay, not the attempt number. */
    DECORRELATED,
    /** The cap itself: deterministic. */
    NONE;

    /** The configuration value ({@code backoff.jitter}): the name in lower case, as the config parses it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
