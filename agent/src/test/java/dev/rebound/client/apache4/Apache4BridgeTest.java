package dev.rebound.client.apache4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.client.apache.ResponseDrain;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.http.HttpHost;
import org.apache.http.HttpVersion;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPut;
import org.apache.http.conn.EofSensorInputStream;
import org.apache.http.conn.EofSensorWatcher;
import org.apache.http.entity.BasicHttpEntity;
import org.apache.http.entity.InputStreamEntity;
import org.apache.http.entity.StringEntity;
import org.apache.http.message.BasicHttpRequest;
import org.apache.http.message.BasicHttpResponse;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.Test;

class Apache4BridgeTest {
    private final Apache4Bridge bridge = new Apache4Bridge();
    private final List<String> connection = new ArrayList<>();

    /** A response whose body stream reports to {@link #connection} as the pool's connection holder would. */
    private final class PooledResponse extends BasicHttpResponse implements CloseableHttpResponse {
        PooledResponse(int status, byte[] body, long declaredLength) {
            super(HttpVersion.HTTP_1_1, status, "status " + status);
            BasicHttpEntity entity = new BasicHttpEntity();
            entity.setContent(new EofSensorInputStream(new ByteArrayInputStream(body), new EofSensorWatcher() {
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
            }));
            entity.setContentLength(declaredLength);
            entity.setContentType("text/html; charset=utf-8");
            setEntity(entity);
            setHeader("Retry-After", "2");
        }

        @Override
        public void close() {
            connection.add("response closed");
        }
    }

    @Test
    void aShortErrorBodyIsReadToItsEndAndKeptInMemory() throws Exception {
        byte[] page = "<html>502 Bad Gateway</html>".getBytes("UTF-8");
        PooledResponse response = new PooledResponse(502, page, page.length);

        bridge.discard(response);

        assertEquals(List.of("released for reuse", "response closed"), connection);
        assertArrayEquals(page, EntityUtils.toByteArray(response.getEntity()), "kept for an interrupted wait");
        assertEquals("text/html; charset=utf-8", response.getEntity().getContentType().getValue());
    }

    @Test
    void aDeclaredLongBodyIsNotReadButItsConnectionAborted() {
        byte[] big = new byte[ResponseDrain.LIMIT + 1];
        PooledResponse response = new PooledResponse(502, big, big.length);

        bridge.discard(response);

        assertEquals(List.of("aborted", "response closed"), connection);
    }

    @Test
    void anUndeclaredLongBodyIsAbortedOnceItPassesTheLimit() {
        PooledResponse response = new PooledResponse(502, new byte[3 * ResponseDrain.LIMIT], -1);

        bridge.discard(response);

        assertEquals(List.of("aborted", "response closed"), connection);
    }

    @Test
    void readsTargetMethodStatusAndHeaders() {
        HttpGet get = new HttpGet("https://api.test/x?q=1");
        HttpHost target = new HttpHost("api.test", 8443, "https");
        assertEquals("api.test", bridge.host(target, get));
        assertEquals(8443, bridge.port(target, get));
        assertTrue(bridge.secure(target, get));
        assertEquals("GET", bridge.method(get));
        assertEquals("POST", bridge.method(new BasicHttpRequest("POST", "/x")));
        assertEquals(502, bridge.status(new PooledResponse(502, new byte[0], 0)));
        assertEquals("2", bridge.header(new PooledResponse(502, new byte[0], 0), "Retry-After"));
        assertNull(bridge.header(new PooledResponse(502, new byte[0], 0), "X-Absent"));
        get.setHeader("Idempotency-Key", "k");
        assertTrue(bridge.hasHeader(get, "Idempotency-Key"));
        assertFalse(bridge.hasHeader(new HttpGet("/"), "Idempotency-Key"));
    }

    @Test
    void withoutATargetTheRequestUriNamesTheHost() {
        HttpGet get = new HttpGet("http://fallback.test:81/x");
        assertEquals("fallback.test", bridge.host(null, get));
        assertEquals(81, bridge.port(null, get));
        assertFalse(bridge.secure(null, get));
        assertNull(bridge.host(null, new BasicHttpRequest("GET", "/relative")));
    }

    @Test
    void onlyRepeatableEntitiesAreReplayable() throws Exception {
        HttpPut buffered = new HttpPut("http://a.test/");
        buffered.setEntity(new StringEntity("same bytes"));
        HttpPut streamed = new HttpPut("http://a.test/");
        streamed.setEntity(new InputStreamEntity(new ByteArrayInputStream(new byte[3]), 3));
        assertTrue(bridge.replayable(new HttpGet("http://a.test/")));
        assertTrue(bridge.replayable(new HttpPut("http://a.test/")));
        assertTrue(bridge.replayable(buffered));
        assertFalse(bridge.replayable(streamed));
    }

    @Test
    void beforeRetryLeavesTheAppsRequestAlone() throws Exception {
        HttpPut put = new HttpPut("http://a.test/");
        put.setEntity(new StringEntity("body"));
        put.setHeader("X-App", "kept");
        bridge.beforeRetry(put);
        assertEquals(List.of("X-App"), Arrays.stream(put.getAllHeaders()).map(h -> h.getName()).toList());
    }
}
