package dev.rebound.sample;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** One HTTP request as the command line describes it; the same for every call of a run. */
final class Request {
    private final URI uri;
    private final String method;
    private final byte[] body;
    private final List<Map.Entry<String, String>> headers;

    /**
     * @param body the request body, or null to send none
     * @param headers name/value pairs in command-line order; a name may repeat
     */
    Request(URI uri, String method, byte[] body, List<Map.Entry<String, String>> headers) {
        if (uri == null || method == null || headers == null) {
            throw new IllegalArgumentException("uri, method and headers are required");
        }
        this.uri = uri;
        this.method = method;
        this.body = body == null ? null : body.clone();
        this.headers = List.copyOf(headers);
    }

    static Request get(URI uri) {
        return new Request(uri, "GET", null, List.of());
    }

    URI uri() {
        return uri;
    }

    String method() {
        return method;
    }

    boolean hasBody() {
        return body != null;
    }

    /** A copy of the body; null when there is none. */
    byte[] body() {
        return body == null ? null : body.clone();
    }

    List<Map.Entry<String, String>> headers() {
        return headers;
    }
}
