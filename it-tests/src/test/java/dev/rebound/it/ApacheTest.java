package dev.rebound.it;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Base of the Apache HttpClient scenario tests: the sample app with {@code --client apache4} (4.5.14)
 * or {@code --client apache5} (5.6.5), on every JDK, with and without the agent.
 */
abstract class ApacheTest extends UpstreamTest {

    static final List<String> CLIENTS = List.of("apache4", "apache5");

    /** {@code (Jdk, client)} for every JDK and both clients. */
    static Stream<Arguments> jdkClient() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (String client : CLIENTS) {
                all.add(Arguments.of(jdk, client));
            }
        }
        return all.stream();
    }

    /** {@code (Jdk, client, agent)}: every JDK, both clients, the agent on then off. */
    static Stream<Arguments> jdkClientAgent() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (String client : CLIENTS) {
                all.add(Arguments.of(jdk, client, true));
                all.add(Arguments.of(jdk, client, false));
            }
        }
        return all.stream();
    }

    /** The sample app driving {@code client}. */
    static ChildJvm apache(Jdk jdk, String client, boolean agent) {
        return app(jdk, agent).args("--client", client);
    }
}
