package dev.rebound.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans an OpenTelemetry Java agent run with {@code otel.traces.exporter=logging-otlp} printed: one
 * OTLP JSON document per line (after the logger's {@code INFO: }), as its exporter would send them.
 */
final class OtlpSpans {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** OTLP's {@code SPAN_KIND_CLIENT}. */
    static final int CLIENT = 3;

    /** One span: its ids, kind, name and attributes (values as text). */
    record Span(String traceId, String spanId, String parentSpanId, int kind, String name, long startNanos,
                Map<String, String> attributes) {

        String attribute(String key) {
            return attributes.get(key);
        }

        /** {@code http.response.status_code}, or null. */
        String status() {
            return attribute("http.response.status_code");
        }

        /** {@code http.request.resend_count}, or null. */
        String resendCount() {
            return attribute("http.request.resend_count");
        }
    }

    private OtlpSpans() {
    }

    static List<Span> parse(List<String> lines) {
        List<Span> spans = new ArrayList<>();
        for (String line : lines) {
            int start = line.indexOf("{\"resource");
            if (start < 0 || !line.contains("scopeSpans")) {
                continue;
            }
            JsonNode doc;
            try {
                doc = JSON.readTree(line.substring(start));
            } catch (IOException e) {
                throw new UncheckedIOException("not an OTLP JSON line: " + line, e);
            }
            for (JsonNode scope : doc.path("scopeSpans")) {
                for (JsonNode span : scope.path("spans")) {
                    Map<String, String> attributes = new HashMap<>();
                    for (JsonNode attribute : span.path("attributes")) {
                        JsonNode value = attribute.path("value");
                        String text = value.has("intValue") ? value.get("intValue").asText()
                                : value.has("stringValue") ? value.get("stringValue").asText()
                                : value.toString();
                        attributes.put(attribute.path("key").asText(), text);
                    }
                    spans.add(new Span(span.path("traceId").asText(), span.path("spanId").asText(),
                            span.path("parentSpanId").asText(""), span.path("kind").asInt(),
                            span.path("name").asText(), span.path("startTimeUnixNano").asLong(), attributes));
                }
            }
        }
        return spans;
    }
}
