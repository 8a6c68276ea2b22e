package dev.rebound.it.apps;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import java.util.concurrent.Callable;

/**
 * A parent span around a piece of the app's work, made as an app makes one: through the OpenTelemetry
 * API, which an APM agent beside it (the OpenTelemetry Java agent, or Datadog's with its OpenTelemetry
 * support on) bridges to its own tracer. Loaded only when the API jar is on the class path.
 */
final class ParentSpans {

    private ParentSpans() {
    }

    /** Runs {@code work} under a new span named {@code name}; returns its result and prints the span's ids. */
    static <T> T around(String name, Callable<T> work, StringBuilder ids) throws Exception {
        Span span = GlobalOpenTelemetry.getTracer("rebound-it").spanBuilder(name).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.call();
        } finally {
            span.end();
            SpanContext context = span.getSpanContext();
            ids.append("trace=").append(context.getTraceId()).append(" span=").append(context.getSpanId());
        }
    }
}
