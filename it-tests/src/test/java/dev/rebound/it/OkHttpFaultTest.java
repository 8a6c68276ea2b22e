package dev.rebound.it;

import com.github.tomakehurst.wiremock.http.Fault;
import java.util.List;
import java.util.Map;

/**
 * Transport faults on OkHttp, sync and async, on each major release (the same on 3.14, 4.12 and 5.3, JDK 17
 * and 25). OkHttp's own retry on connection failure ({@code retryOnConnectionFailure}, on by default) stays
 * as it is: on a fresh connection to a single address it has no other route to try, so it sends each of
 * these requests once by itself. With the default {@code retry-on} rebound leaves them alone; with
 * {@code reset} added, a GET that failed before a complete status line is sent {@code max-attempts} times:
 * garbage then a close is OkHttp's "unexpected end of stream", a connection cut short. A malformed chunk
 * comes after the status line and headers: the response was delivered, and nobody re-sends.
 */
class OkHttpFaultTest extends ClientFaultTest {

    /** What the app sees without the agent, and whether rebound counts it as a {@code reset}. */
    private record Baseline(String error, boolean reset) {
    }

    private static final Map<Fault, Baseline> BASELINE = Map.of(
            Fault.CONNECTION_RESET_BY_PEER, new Baseline("java.net.SocketException", true),
            Fault.EMPTY_RESPONSE, new Baseline("java.io.IOException", true),
            Fault.RANDOM_DATA_THEN_CLOSE, new Baseline("java.io.IOException", true),
            Fault.MALFORMED_RESPONSE_CHUNK, new Baseline("java.net.ProtocolException", false));

    @Override
    List<ClientKind> clients() {
        return List.of(ClientKind.OKHTTP, ClientKind.OKHTTP_ASYNC, ClientKind.OKHTTP4, ClientKind.OKHTTP4_ASYNC,
                ClientKind.OKHTTP3, ClientKind.OKHTTP3_ASYNC);
    }

    @Override
    Expected expected(ClientKind client, Fault fault, String method, Mode mode) {
        Baseline baseline = BASELINE.get(fault);
        boolean multiplied = mode == Mode.RESET_IN_RETRY_ON && method.equals("GET") && baseline.reset();
        return Expected.exactly(multiplied ? MAX_ATTEMPTS : 1, baseline.error());
    }
}
