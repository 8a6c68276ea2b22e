package dev.rebound.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The HTTP clients the app can drive, by their {@code --client} name.
 *
 * <p>Extension point: a new client is one small {@link Caller} class plus its constructor reference
 * here. The Apache HttpClient entries are reserved names without a caller until the app depends on
 * those libraries; selecting them prints {@code unsupported client} and exits 2.
 */
enum ClientKind {
    URL_CONNECTION("url-connection", true, UrlConnectionCaller::new),
    JDK("jdk", true, JdkCaller::synchronous),
    JDK_ASYNC("jdk-async", true, JdkCaller::asynchronous),
    APACHE4("apache4", true, null),
    APACHE5("apache5", true, null);

    private final String cliName;
    private final boolean inDemo;
    private final Function<ClientSettings, Caller> factory;

    ClientKind(String cliName, boolean inDemo, Function<ClientSettings, Caller> factory) {
        this.cliName = cliName;
        this.inDemo = inDemo;
        this.factory = factory;
    }

    String cliName() {
        return cliName;
    }

    /** False for reserved names whose library this build does not include. */
    boolean isSupported() {
        return factory != null;
    }

    Caller create(ClientSettings settings) {
        if (factory == null) {
            throw new UnsupportedOperationException("unsupported client: " + cliName);
        }
        return factory.apply(settings);
    }

    /** The supported clients the demo compares, one upstream path each. */
    static List<ClientKind> demoClients() {
        List<ClientKind> clients = new ArrayList<>();
        for (ClientKind kind : values()) {
            if (kind.inDemo && kind.isSupported()) {
                clients.add(kind);
            }
        }
        return clients;
    }

    static ClientKind fromCli(String value) throws UsageException {
        for (ClientKind kind : values()) {
            if (kind.cliName.equals(value)) {
                return kind;
            }
        }
        throw new UsageException("--client must be url-connection, jdk, jdk-async, apache4 or apache5, not '"
                + value + "'");
    }
}
