package dev.rebound.config;

/** One thing wrong with the configuration, already phrased for a person; loading never throws instead. */
public final class ConfigProblem {

    public enum Severity {
        /** The value was rejected (or the file could not be read, or the key is unknown). */
        ERROR,
        /** The value was usable after adjustment, e.g. clamped to its maximum. */
        WARNING
    }

    private final String key;
    private final String message;
    private final Severity severity;

    ConfigProblem(String key, String message, Severity severity) {
        this.key = key;
        this.message = message;
        this.severity = severity;
    }

    /** The configuration key concerned, or the unknown name as written (shortened if long). */
    public String key() {
        return key;
    }

    /** One line starting with {@code "rebound: "}, ready for stderr. */
    public String message() {
        return message;
    }

    public Severity severity() {
        return severity;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return message;
    }
}
