package dev.rebound.it;

import com.github.tomakehurst.wiremock.http.Fault;
import java.util.List;
import java.util.Map;

/**
 * Transport faults on HttpURLConnection. The JDK itself silently re-sends a request once when the
 * connection dies before a response header (also for POST: {@code sun.net.http.retryPost} is true by
 * default), so with the agent a GET's wire attempts must never exceed {@code max(baseline, max-attempts)};
 * retrying {@code reset} must not stack the JDK's hidden retry on top of the agent's three attempts.
 */
class UrlConnectionFaultTest extends ClientFaultTest {

    /** Wire attempts and final exception WITHOUT the agent, as measured on JDK 17 and 25 (GET and POST alike). */
    private static final Map<Fault, Expected> BASELINE = Map.of(
            Fault.CONNECTION_RESET_BY_PEER, Expected.exactly(2, "java.net.SocketException"),
            Fault.EMPTY_RESPONSE, Expected.exactly(2, "java.net.SocketException"),
            Fault.RANDOM_DATA_THEN_CLOSE, Expected.exactly(1, "java.io.IOException"),
            Fault.MALFORMED_RESPONSE_CHUNK, Expected.exactly(1, "java.io.IOException"));

    @Override
    List<ClientKind> clients() {
        return List.of(ClientKind.URL_CONNECTION);
    }

    @Override
    Expected expected(ClientKind client, Fault fault, String method, Mode mode) {
        Expected baseline = BASELINE.get(fault);
        if (mode == Mode.WITHOUT_AGENT || method.equals("POST")) {
            return baseline;
        }
        if (mode == Mode.DEFAULT_RETRY_ON) {
            return Expected.between(1, Math.max(baseline.max(), MAX_ATTEMPTS), baseline.error());
        }
        return failsBeforeAnyResponse(fault) ? Expected.exactly(MAX_ATTEMPTS, baseline.error())
                : Expected.between(1, MAX_ATTEMPTS, baseline.error());
    }
}
