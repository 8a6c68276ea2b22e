package dev.rebound.it;

import java.util.List;

/**
 * The scenario suites with Apache HttpAsyncClient 4.1 (4.1.5) and HttpClient 5's async API (5.6.5), through
 * {@code execute(request, callback)} and its future (the other forms: {@link ApacheAsyncTest}).
 */
class ApacheAsyncScenariosTest extends ClientScenariosTest {

    @Override
    List<ClientKind> clients() {
        return List.of(ClientKind.APACHE4_ASYNC, ClientKind.APACHE5_ASYNC);
    }
}
