package dev.rebound.it;

import com.github.tomakehurst.wiremock.http.Fault;
import java.util.List;
import java.util.Map;

/**
 * Transport faults on the Apache async clients. HttpAsyncClient 4.1 retries nothing itself; HttpClient 5
 * async has its classic API's retry strategy (one retry of an idempotent request after some I/O errors),
 * which stays in charge: the default {@code retry-on} leaves it as it is, and with {@code reset} added each
 * of rebound's attempts runs it once. Garbage instead of a status line is a protocol error, never retried.
 */
class ApacheAsyncFaultTest extends ClientFaultTest {

    /** {@code reset}: the failure comes before any response, so rebound counts it as a {@code reset}. */
    private record Baseline(int getAttempts, int postAttempts, String error, boolean reset) {
    }

    /** Wire attempts (GET, POST) and the exception the app sees WITHOUT the agent, JDK 17 and 25 alike. */
    private static final Map<String, Map<Fault, Baseline>> BASELINE = Map.of(
            "apache4-async", Map.of(
                    Fault.CONNECTION_RESET_BY_PEER, new Baseline(1, 1, "java.net.SocketException", true),
                    Fault.EMPTY_RESPONSE, new Baseline(1, 1, "org.apache.http.ConnectionClosedException", true),
                    Fault.RANDOM_DATA_THEN_CLOSE, new Baseline(1, 1, "org.apache.http.ProtocolException", false),
                    Fault.MALFORMED_RESPONSE_CHUNK, new Baseline(1, 1, "org.apache.http.MalformedChunkCodingException", false)),
            "apache5-async", Map.of(
                    Fault.CONNECTION_RESET_BY_PEER, new Baseline(2, 1, "java.net.SocketException", true),
                    Fault.EMPTY_RESPONSE, new Baseline(1, 1, "org.apache.hc.core5.http.ConnectionClosedException", true),
                    Fault.RANDOM_DATA_THEN_CLOSE, new Baseline(1, 1, "org.apache.hc.core5.http.ParseException", false),
                    // Its retry strategy re-sends a GET whose body broke off (the app's consumer got nothing yet).
                    Fault.MALFORMED_RESPONSE_CHUNK, new Baseline(2, 1, "org.apache.hc.core5.http.MalformedChunkCodingException", false)));

    @Override
    List<ClientKind> clients() {
        return List.of(ClientKind.APACHE4_ASYNC, ClientKind.APACHE5_ASYNC);
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
