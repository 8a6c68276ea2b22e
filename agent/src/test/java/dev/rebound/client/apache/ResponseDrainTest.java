package dev.rebound.client.apache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drain over plain streams, with a response whose library side only records what is done to it. */
class ResponseDrainTest {
    private final List<String> events = new ArrayList<>();

    private class Response implements Closeable {
        final InputStream content;
        final long declaredLength;
        byte[] kept;

        Response(byte[] body, long declaredLength) {
            this.content = body == null ? null : new ByteArrayInputStream(body) {
                @Override
                public void close() {
                    events.add("stream closed after " + (count - available()) + " bytes");
                }
            };
            this.declaredLength = declaredLength;
        }

        @Override
        public void close() {
            events.add("response closed");
        }
    }

    private final ResponseDrain.Body library = new ResponseDrain.Body() {
        @Override
        public InputStream content(Object response) {
            return ((Response) response).content;
        }

        @Override
        public long declaredLength(Object response) {
            return ((Response) response).declaredLength;
        }

        @Override
        public void keep(Object response, byte[] body) {
            ((Response) response).kept = body;
            events.add("kept " + body.length + " bytes");
        }

        @Override
        public void abort(InputStream content) {
            events.add("aborted");
        }
    };

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    @Test
    void aBodyOfAtMostTheLimitIsReadClosedAndKept() {
        byte[] page = bytes(ResponseDrain.LIMIT);
        Response response = new Response(page, -1);

        assertTrue(ResponseDrain.discard(response, library), "the connection goes back to the pool");

        assertEquals(List.of("stream closed after " + page.length + " bytes", "kept " + page.length + " bytes",
                "response closed"), events);
        assertArrayEquals(page, response.kept);
    }

    @Test
    void oneByteOverTheLimitIsAbortedNotKept() {
        Response response = new Response(bytes(ResponseDrain.LIMIT + 1), -1);

        assertFalse(ResponseDrain.discard(response, library), "the connection is dropped");

        assertEquals(List.of("aborted", "response closed"), events);
        assertNull(response.kept);
    }

    @Test
    void aDeclaredLongBodyIsAbortedUnread() throws IOException {
        Response response = new Response(bytes(10), ResponseDrain.LIMIT + 1);

        assertFalse(ResponseDrain.discard(response, library));

        assertEquals(List.of("aborted", "response closed"), events);
        assertEquals(10, response.content.available(), "not a byte read");
    }

    @Test
    void aResponseWithoutABodyIsOnlyClosed() {
        assertTrue(ResponseDrain.discard(new Response(null, -1), library));

        assertEquals(List.of("response closed"), events);
    }

    @Test
    void aFailingReadStillClosesTheResponseAndNeverThrows() {
        Response response = new Response(bytes(10), -1) {
            @Override
            public void close() {
                events.add("response closed");
                throw new IllegalStateException("already closed");
            }
        };
        ResponseDrain.Body failing = new ResponseDrain.Body() {
            @Override
            public InputStream content(Object r) throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public long declaredLength(Object r) {
                throw new AssertionError("not reached");
            }

            @Override
            public void keep(Object r, byte[] body) {
                throw new AssertionError("not reached");
            }

            @Override
            public void abort(InputStream content) {
                throw new AssertionError("not reached");
            }
        };

        assertFalse(ResponseDrain.discard(response, failing), "not known to be reusable");

        assertEquals(List.of("response closed"), events);
    }
}
