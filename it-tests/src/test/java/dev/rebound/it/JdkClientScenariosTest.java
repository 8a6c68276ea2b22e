package dev.rebound.it;

import java.util.List;

/** The scenario suites with the JDK {@code HttpClient}, through {@code send} and {@code sendAsync}. */
class JdkClientScenariosTest extends ClientScenariosTest {

    @Override
    List<ClientKind> clients() {
        return List.of(ClientKind.JDK, ClientKind.JDK_ASYNC);
    }
}
