package dev.rebound.it;

import com.github.tomakehurst.wiremock.http.Fault;
import java.util.List;
import java.util.Map;

/**
 * Transport faults on Apache HttpClient. Both clients have their own retry layer for I/O errors on
 * idempotent requests (HttpClient 4: 3 retries; 5: 1 retry), which stays in charge: the default
 * {@code retry-on} leaves it exactly as it is, and with {@code reset} added each of rebound's attempts
 * runs the client's whole retry layer once.
 */
class ApacheFaultTest extends ClientFaultTest {

    /** {@code reset}: the failure comes before any response, so rebound counts it as a {@code reset}. */
    private record Baseline(int getAttempts, int postAttempts, String error, boolean reset) {
    }

    /**
     * Wire attempts (GET, POST) and the exception the app sees WITHOUT the agent, JDK 17 and 25 alike.
     * A malformed chunk arrives after the status line and headers: the response was delivered, the app
     * fails while reading its body, and nobody re-sends.
     */
    private static final Map<String, Map<Fault, Baseline>> BASELINE = Map.of(
            "apache4", Map.of(
                    Fault.CONNECTION_RESET_BY_PEER, new Baseline(4, 1, "java.net.SocketException", true),
                    Fault.EMPTY_RESPONSE, new Baseline(4, 1, "org.apache.http.NoHttpResponseException", true),
                    Fault.RANDOM_DATA_THEN_CLOSE, new Baseline(1, 1, "org.apache.http.client.ClientProtocolException", false),
                    Fault.MALFORMED_RESPONSE_CHUNK, new Baseline(1, 1, "org.apache.http.MalformedChunkCodingException", false)),
            "apache5", Map.of(
                    Fault.CONNECTION_RESET_BY_PEER, new Baseline(2, 1, "java.net.SocketException", true),
                    Fault.EMPTY_RESPONSE, new Baseline(2, 1, "org.apache.hc.core5.http.NoHttpResponseException", true),
                    // HttpClient 5 reads garbage without a status line as no response at all.
                    Fault.RANDOM_DATA_THEN_CLOSE, new Baseline(2, 1, "org.apache.hc.core5.http.NoHttpResponseException", true),
                    Fault.MALFORMED_RESPONSE_CHUNK, new Baseline(1, 1, "org.apache.hc.core5.http.MalformedChunkCodingException", false)));

    @Override
    List<ClientKind> clients() {
        return List.of(ClientKind.APACHE4, ClientKind.APACHE5);
    }

    @Override
    Expected expected(ClientKind client, Fault fault, String method, Mode mode) {
        Baseline baseline = BASELINE.get(client.name()).get(fault);
        if (method.equals("POST")) {
            return Expected.exactly(baseline.postAttempts(), baseline.error());
        }
        boolean multiplied = mode == Mode.RESET_IN_RETRY_ON && baseline.reset();
        return Expected.exactly(multiplied ? MAX_ATTEMPTS * baseline.getAttempts() : baseline.getAttempts(), baseline.error());
    }
}
