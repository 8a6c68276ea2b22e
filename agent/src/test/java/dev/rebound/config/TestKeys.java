package dev.rebound.config;

import java.util.List;

/** The settings with today's four client switches, as the agent builds them from its client descriptors. */
public final class TestKeys {
    public static final List<String> LABELS = List.of("http-url-connection", "jdk-http-client", "apache-httpclient-4",
            "apache-httpclient-5");
    public static final ConfigKeys KEYS = ConfigKeys.of(LABELS);

    private TestKeys() {
    }
}
