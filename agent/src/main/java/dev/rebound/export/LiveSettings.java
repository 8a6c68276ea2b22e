package dev.rebound.export;

/** The settings an operator may change while the JVM runs, as the MBean's writable attributes reach them. */
public interface LiveSettings {
    /** The effective value of {@code key} in its canonical text form; empty for none. */
    String value(String key);

    /**
     * Sets {@code key} to {@code value} with the same validation as the config file, and prints the same
     * change line (source {@code jmx}).
     *
     * @return null when applied (or nothing changed), else why not, one line per bad key
     */
    String set(String key, String value);
}
