package dev.rebound.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallResultTest {

    @Test
    void hashesWithSha256InLowerCaseHex() {
        // FIPS 180-2 test vector for "abc".
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                CallResult.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void formatsAResponseWithShownHeadersLookedUpIgnoringCase() {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put(null, List.of("HTTP/1.1 503 Service Unavailable"));
        headers.put("retry-after", List.of("2"));
        headers.put("Via", Arrays.asList("a", "b"));
        byte[] body = "busy".getBytes(StandardCharsets.UTF_8);

        CallResult result = CallResult.replied(4, new Reply(503, body, headers), 17);

        assertEquals("call=4 status=503 bytes=4 sha256=" + CallResult.sha256Hex(body)
                + " ms=17 hdr.Retry-After=2 hdr.VIA=a,b hdr.X-Missing=",
                result.format(List.of("Retry-After", "VIA", "X-Missing")));
        assertFalse(result.isOk());
        assertFalse(result.isError());
    }

    @Test
    void formatsAFailureWithTheExceptionClassOnly() {
        CallResult result = CallResult.failed(2, new ConnectException("http://secret/?token=1"), 5);

        assertEquals("call=2 error=java.net.ConnectException ms=5", result.format(List.of("Retry-After")));
        assertTrue(result.isError());
        assertFalse(result.isOk());
    }

    @Test
    void countsOnly2xxAnd3xxAsOk() {
        assertTrue(CallResult.replied(1, new Reply(200, new byte[0], Map.of()), 0).isOk());
        assertTrue(CallResult.replied(1, new Reply(304, new byte[0], Map.of()), 0).isOk());
        assertFalse(CallResult.replied(1, new Reply(199, new byte[0], Map.of()), 0).isOk());
        assertFalse(CallResult.replied(1, new Reply(400, new byte[0], Map.of()), 0).isOk());
    }
}
