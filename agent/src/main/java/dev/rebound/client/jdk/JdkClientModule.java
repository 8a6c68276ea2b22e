package dev.rebound.client.jdk;

import dev.rebound.client.ClientModule;

/**
 * The JDK {@code HttpClient} (Java 11+, module {@code java.net.http}). Compiled for Java 8 like the rest of
 * the agent's wiring; the rest of the package is compiled for Java 11 and lives in the platform loader.
 */
public final class JdkClientModule {
    static final String CLIENT_IMPL = "jdk/internal/net/http/HttpClientImpl";
    static final String MULTI_EXCHANGE = "jdk/internal/net/http/MultiExchange";

    public static final ClientModule MODULE = ClientModule.builder("jdk-http-client", JdkClientModule.class)
            .origin(ClientModule.Origin.JDK)
            .targets(CLIENT_IMPL, MULTI_EXCHANGE)
            .platform("dev/rebound/client/jdk/", "java.net.http", "java.net.http.HttpClient")
            .setup("dev.rebound.client.jdk.JdkClientSetup")
            .build();

    private JdkClientModule() {
    }
}
