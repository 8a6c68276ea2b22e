package dev.rebound.sample;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The HTTP clients the app can drive, by their {@code --client} name, with the settings each one uses.
 *
 * <p>Extension point: a new client is one small {@link Caller} class plus its entry here.
 */
enum ClientKind {
    URL_CONNECTION("url-connection", UrlConnectionCaller::new, EnumSet.allOf(StreamingMode.class),
            EnumSet.of(EntryMode.RESPONSE_CODE, EntryMode.INPUT_STREAM, EntryMode.CONNECT), false),
    JDK("jdk", JdkCaller::synchronous, EnumSet.of(StreamingMode.NONE), EnumSet.of(EntryMode.RESPONSE_CODE), false),
    JDK_ASYNC("jdk-async", JdkCaller::asynchronous, EnumSet.of(StreamingMode.NONE),
            EnumSet.of(EntryMode.RESPONSE_CODE), false),
    APACHE4("apache4", Apache4Caller::new, EnumSet.allOf(StreamingMode.class),
            EnumSet.of(EntryMode.RESPONSE_CODE, EntryMode.HANDLER), true),
    APACHE5("apache5", Apache5Caller::new, EnumSet.allOf(StreamingMode.class),
            EnumSet.of(EntryMode.RESPONSE_CODE, EntryMode.HANDLER), true),
    APACHE4_ASYNC("apache4-async", Apache4AsyncCaller::new, EnumSet.allOf(StreamingMode.class),
            EnumSet.of(EntryMode.RESPONSE_CODE), true),
    APACHE5_ASYNC("apache5-async", Apache5AsyncCaller::new, EnumSet.of(StreamingMode.NONE),
            EnumSet.of(EntryMode.RESPONSE_CODE), true),
    // Lambdas, not method references: a reference resolves its class when this enum initialises, and an app
    // run with only some clients' libraries on its class path (ApacheVersionsTest) must still start.
    OKHTTP("okhttp", settings -> OkHttpCaller.synchronous(settings), EnumSet.allOf(StreamingMode.class),
            EnumSet.of(EntryMode.RESPONSE_CODE), true),
    OKHTTP_ASYNC("okhttp-async", settings -> OkHttpCaller.asynchronous(settings), EnumSet.allOf(StreamingMode.class),
            EnumSet.of(EntryMode.RESPONSE_CODE), true);

    private final String cliName;
    private final Function<ClientSettings, Caller> factory;
    private final Set<StreamingMode> streamingModes;
    private final Set<EntryMode> entryModes;
    private final boolean pooled;

    ClientKind(String cliName, Function<ClientSettings, Caller> factory, Set<StreamingMode> streamingModes,
            Set<EntryMode> entryModes, boolean pooled) {
        this.cliName = cliName;
        this.factory = factory;
        this.streamingModes = streamingModes;
        this.entryModes = entryModes;
        this.pooled = pooled;
    }

    String cliName() {
        return cliName;
    }

    boolean accepts(StreamingMode mode) {
        return streamingModes.contains(mode);
    }

    boolean accepts(EntryMode mode) {
        return entryModes.contains(mode);
    }

    /** Whether {@code --max-connections} sizes this client's connection pool. */
    boolean isPooled() {
        return pooled;
    }

    Caller create(ClientSettings settings) {
        return factory.apply(settings);
    }

    /** The clients the demo compares, one upstream path each. */
    static List<ClientKind> demoClients() {
        return new ArrayList<>(List.of(values()));
    }

    /** The names of the clients that accept a setting, for a usage message: "apache4 and apache5". */
    static String namesAccepting(StreamingMode streaming, EntryMode entry) {
        List<String> names = new ArrayList<>();
        for (ClientKind kind : values()) {
            if ((streaming == null || kind.accepts(streaming)) && (entry == null || kind.accepts(entry))) {
                names.add(kind.cliName);
            }
        }
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** The names of the pooled clients, for a usage message. */
    static String namesPooled() {
        List<String> names = new ArrayList<>();
        for (ClientKind kind : values()) {
            if (kind.pooled) {
                names.add(kind.cliName);
            }
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    static ClientKind fromCli(String value) throws UsageException {
        for (ClientKind kind : values()) {
            if (kind.cliName.equals(value)) {
                return kind;
            }
        }
        throw new UsageException("--client must be url-connection, jdk, jdk-async, apache4, apache5, apache4-async,"
                + " apache5-async, okhttp or okhttp-async, not '"
                + value + "'");
    }
}
