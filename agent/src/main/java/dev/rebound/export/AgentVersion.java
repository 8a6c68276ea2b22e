package dev.rebound.export;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The agent's version: the jar manifest's {@code Implementation-Version}, else (classes outside the jar, as in
 * unit tests) the build-filtered {@code dev/rebound/version.properties}. The manifest first because the
 * class loader has already read it, while a resource lookup opens the jar again at start-up.
 */
public final class AgentVersion {
    static final String UNKNOWN = "unknown";
    private static volatile String current;

    private AgentVersion() {
    }

    /** The version, or {@code "unknown"} when neither source has one. */
    public static String current() {
        String version = current;
        if (version == null) {
            Package pkg = AgentVersion.class.getPackage();
            version = pkg == null ? null : pkg.getImplementationVersion();
            current = version = version != null && !version.trim().isEmpty() ? version.trim() : fromResource();
        }
        return version;
    }

    static String fromResource() {
        InputStream in = AgentVersion.class.getResourceAsStream("/dev/rebound/version.properties");
        if (in == null) {
            return UNKNOWN;
        }
        try {
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
        } catch (IOException | IllegalArgumentException e) {
            return UNKNOWN;
        } finally {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing was written; a close failure changes nothing
            }
        }
    }
}
