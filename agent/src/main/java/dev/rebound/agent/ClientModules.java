package dev.rebound.agent;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Stand-in for the list of client descriptors ({@code ClientModule}s) being written on another branch: only
 * their labels, in the order the agent lists and counts them. The merge replaces this with the labels of
 * {@code all()}.
 */
final class ClientModules {
    private static final List<String> LABELS = Collections.unmodifiableList(Arrays.asList(
            "http-url-connection", "jdk-http-client", "apache-httpclient-4", "apache-httpclient-5"));

    private ClientModules() {
    }

    /** Every client's label ({@code ClientModule.label()}), in descriptor order. */
    static List<String> labels() {
        return LABELS;
    }
}
