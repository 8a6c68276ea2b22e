package dev.rebound.it;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Method sources for the JDK {@code HttpClient} tests: the sample app's {@code send} and {@code sendAsync} callers. */
public final class JdkClients {

    /** The sample app's {@code --client} names: {@code send} and {@code sendAsync(...).get()}. */
    static final List<String> CLIENTS = List.of("jdk", "jdk-async");

    private JdkClients() {
    }

    /** Every JDK with each client. */
    public static Stream<Arguments> jdkAndClient() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (String client : CLIENTS) {
                all.add(Arguments.of(jdk, client));
            }
        }
        return all.stream();
    }

    /** Every JDK with each client, agent on and off. */
    public static Stream<Arguments> jdkClientAndAgent() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (String client : CLIENTS) {
                all.add(Arguments.of(jdk, client, true));
                all.add(Arguments.of(jdk, client, false));
            }
        }
        return all.stream();
    }
}
