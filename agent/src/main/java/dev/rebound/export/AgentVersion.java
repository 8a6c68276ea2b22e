package dev.rebound.export;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's version, from the build-filtered {@code dev/rebound/version.properties}. */
public final class AgentVersion {
    static final String UNKNOWN = "unknown";

    private AgentVersion() {
    }

    /** The version, or {@code "unknown"} when the resource is missing or unfiltered. */
    public static String current() {
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
