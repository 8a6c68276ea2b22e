package dev.rebound.bench.resilience;

import java.util.List;

/** Every client the scenarios drive. Adding a client is one more entry here (and its dependency in the pom). */
public final class AppClients {
    public static final List<AppClient> ALL = List.of(new UrlConnectionAppClient());

    private AppClients() {
    }

    public static AppClient byName(String name) {
        for (AppClient c : ALL) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown client '" + name + "'; known: " + names());
    }

    public static List<String> names() {
        return ALL.stream().map(AppClient::name).toList();
    }
}
