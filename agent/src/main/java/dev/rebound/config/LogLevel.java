package dev.rebound.config;

import java.util.Locale;

/** The {@code log.level} setting, most severe first. */
public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG;

    /** The value as written in configuration. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a message at {@code level} is printed when this is the configured level. */
    public boolean allows(LogLevel level) {
        return level.ordinal() <= ordinal();
    }
}
