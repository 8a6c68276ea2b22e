package dev.rebound.config;

import java.util.Locale;

/** The {@code backoff.jitter} setting: how the exponential delay is randomised. */
public enum JitterMode {
    /** Uniform in [0, delay]. */
    FULL,
    /** delay/2 plus uniform in [0, delay/2]. */
    EQUAL,
    /** Each delay drawn relative to the previous one rather than to the attempt number. */
    DECORRELATED,
    /** The exponential delay exactly. */
    NONE;

    /** The value as written in configuration. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
