package dev.rebound.config;

import java.util.Locale;

/** The {@code mode} setting. */
public enum Mode {
    /** Retry calls as configured. */
    RETRY,
    /** Decide and count everything as if retrying, but never re-send a request. */
    OBSERVE;

    /** The value as written in configuration. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
