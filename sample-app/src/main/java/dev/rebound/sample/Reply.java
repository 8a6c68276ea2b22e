package dev.rebound.sample;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the app saw of a response: status, body bytes and headers (looked up ignoring case). */
final class Reply {
    private final int status;
    private final byte[] body;
    private final Map<String, List<String>> headers;

    /** @param headers as the client reports them; a null name (HttpURLConnection's status line) is dropped */
    Reply(int status, byte[] body, Map<String, List<String>> headers) {
        this.status = status;
        this.body = body.clone();
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() != null) {
                byName.put(header.getKey(), List.copyOf(header.getValue()));
            }
        }
        this.headers = Collections.unmodifiableMap(byName);
    }

    int status() {
        return status;
    }

    byte[] body() {
        return body.clone();
    }

    int bodyLength() {
        return body.length;
    }

    /** The header's values joined with ',', or null when the response has no such header. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null ? null : String.join(",", values);
    }
}
