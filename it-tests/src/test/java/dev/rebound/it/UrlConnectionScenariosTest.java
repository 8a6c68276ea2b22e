package dev.rebound.it;

import java.util.List;

/** The scenario suites with {@code HttpURLConnection}, through each of its entry points. */
class UrlConnectionScenariosTest extends ClientScenariosTest {

    @Override
    List<ClientKind> clients() {
        return List.of(ClientKind.URL_CONNECTION);
    }
}
