package dev.rebound.client.apache5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.client.apache.ResponseDrain;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.EofSensorWatcher;
import org.apache.hc.core5.http.io.entity.BasicHttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.junit.jupiter.api.Test;

class Apache5BridgeTest {
    private final Apache5Bridge bridge = new Apache5Bridge();
    private final List<String> connection = new ArrayList<>();

    private BasicClassicHttpResponse response(int status, byte[] body, long declaredLength) {
        BasicClassicHttpResponse response = new BasicClassicHttpResponse(status) {
            @Override
            public void close() {
                connection.add("response closed");
            }
        };
        InputStream content = new EofSensorInputStream(new ByteArrayInputStream(body), new EofSensorWatcher() {
            @Override
            public boolean eofDetected(InputStream wrapped) {
                connection.add("released for reuse");
                return true;
            }

            @Override
            public boolean streamClosed(InputStream wrapped) {
                connection.add("stream closed");
                return true;
            }

            @Override
            public boolean streamAbort(InputStream wrapped) {
                connection.add("aborted");
                return false;
            }
        });
        response.setEntity(new BasicHttpEntity(content, declaredLength, ContentType.parse("text/html; charset=utf-8")));
        response.setHeader("Retry-After", "2");
        return response;
    }

    @Test
    void aShortErrorBodyIsReadToItsEndAndKeptInMemory() throws Exception {
        byte[] page = "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8);
        BasicClassicHttpResponse response = response(502, page, page.length);

        bridge.discard(response);

        assertEquals(List.of("released for reuse", "response closed"), connection);
        assertArrayEquals(page, EntityUtils.toByteArray(response.getEntity()), "kept for an interrupted wait");
        assertEquals("text/html; charset=utf-8", response.getEntity().getContentType());
    }

    @Test
    void aDeclaredLongBodyIsNotReadButItsConnectionAborted() {
        bridge.discard(response(502, new byte[ResponseDrain.LIMIT + 1], ResponseDrain.LIMIT + 1));

        assertEquals(List.of("aborted", "response closed"), connection);
    }

    @Test
    void anUndeclaredLongBodyIsAbortedOnceItPassesTheLimit() {
        bridge.discard(response(502, new byte[3 * ResponseDrain.LIMIT], -1));

        assertEquals(List.of("aborted", "response closed"), connection);
    }

    @Test
    void readsTargetMethodStatusAndHeaders() {
        HttpGet get = new HttpGet("https://api.test:8443/x?q=1");
        HttpHost target = new HttpHost("https", "api.test", 8443);
        assertEquals("api.test", bridge.host(target, get));
        assertEquals(8443, bridge.port(target, get));
        assertTrue(bridge.secure(target, get));
        assertEquals("GET", bridge.method(get));
        assertEquals(503, bridge.status(response(503, new byte[0], 0)));
        assertEquals("2", bridge.header(response(503, new byte[0], 0), "Retry-After"));
        assertNull(bridge.header(response(503, new byte[0], 0), "X-Absent"));
        get.setHeader("Idempotency-Key", "k");
        assertTrue(bridge.hasHeader(get, "Idempotency-Key"));
    }

    @Test
    void withoutATargetTheRequestAuthorityNamesTheHost() {
        HttpGet get = new HttpGet("http://fallback.test:81/x");
        assertEquals("fallback.test", bridge.host(null, get));
        assertEquals(81, bridge.port(null, get));
        assertFalse(bridge.secure(null, get));
        assertNull(bridge.host(null, new BasicClassicHttpRequest("GET", "/relative")));
    }

    @Test
    void onlyRepeatableEntitiesAreReplayable() {
        HttpPut buffered = new HttpPut("http://a.test/");
        buffered.setEntity(new StringEntity("same bytes"));
        HttpPut streamed = new HttpPut("http://a.test/");
        streamed.setEntity(new InputStreamEntity(new ByteArrayInputStream(new byte[3]), 3, ContentType.TEXT_PLAIN));
        assertTrue(bridge.replayable(new HttpGet("http://a.test/")));
        assertTrue(bridge.replayable(buffered));
        assertFalse(bridge.replayable(streamed));
    }

    @Test
    void beforeRetryTakesBackTheFramingHeadersTheMinimalClientAdded() {
        HttpPut put = new HttpPut("http://a.test/");
        put.setEntity(new StringEntity("body"));
        put.setHeader("Content-Length", "4");
        put.setHeader("Transfer-Encoding", "chunked");
        put.setHeader("X-App", "kept");
        bridge.beforeRetry(put);
        assertFalse(put.containsHeader("Content-Length"));
        assertFalse(put.containsHeader("Transfer-Encoding"));
        assertTrue(put.containsHeader("X-App"));

        HttpGet get = new HttpGet("http://a.test/");
        get.setHeader("Content-Length", "0");
        bridge.beforeRetry(get);
        assertTrue(get.containsHeader("Content-Length"), "a request without a body is left as it is");
    }
}
