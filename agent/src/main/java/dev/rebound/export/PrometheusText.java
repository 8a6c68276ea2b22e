package dev.rebound.export;

import dev.rebound.metrics.MetricsRegistry;
import dev.rebound.metrics.Sample;
import dev.rebound.metrics.Series;

import java.util.List;
import java.util.Map;

/** Renders the registry in the Prometheus text exposition format 0.0.4. */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String PREFIX = "rebound_";

    private final MetricsRegistry registry;
    private final CircuitStates circuits;
    private final String version;

    PrometheusText(MetricsRegistry registry, CircuitStates circuits, String version) {
        this.registry = registry;
        this.circuits = circuits;
        this.version = version == null ? AgentVersion.UNKNOWN : version;
    }

    /** The Prometheus family name of a registry series; every one is a counter, hence {@code _total}. */
    static String familyName(Series series) {
        return PREFIX + series.baseName() + "_total";
    }

    String render() {
        StringBuilder out = new StringBuilder(4096);
        List<Sample> samples = registry.snapshot();
        for (Series series : Series.values()) {
            String family = familyName(series);
            header(out, family, help(series), "counter");
            for (Sample s : samples) {
                if (s.series() == series) {
                    sample(out, family, series.labelNames(), s.labelValues(),
                            series.isCount() ? Long.toString(s.rawValue()) : Double.toString(s.value()));
                }
            }
        }
        header(out, PREFIX + "circuit_open", "Whether the circuit breaker of a host is open (1) or closed (0).",
                "gauge");
        for (Map.Entry<String, Boolean> e : circuits.byLabel().entrySet()) {
            out.append(PREFIX).append("circuit_open{host=\"");
            escapeLabelValue(out, e.getKey());
            out.append("\"} ").append(e.getValue() ? '1' : '0').append('\n');
        }
        header(out, PREFIX + "info", "The rebound agent; always 1.", "gauge");
        out.append(PREFIX).append("info{version=\"");
        escapeLabelValue(out, version);
        out.append("\"} 1\n");
        header(out, PREFIX + "uncovered_client", "HTTP client libraries the app loaded whose calls rebound does not "
                + "retry; always 1.", "gauge");
        for (String library : registry.uncoveredClients().labels()) {
            out.append(PREFIX).append("uncovered_client{library=\"");
            escapeLabelValue(out, library);
            out.append("\"} 1\n");
        }
        return out.toString();
    }

    private static String help(Series series) {
        if (series == Series.REQUESTS) {
            return "HTTP calls made through rebound, once per logical call, by outcome.";
        }
        if (series == Series.RETRIES) {
            return "Retries sent, by the status code or failure kind that caused them.";
        }
        if (series == Series.RETRIES_SKIPPED) {
            return "Retry candidates that were not retried, by cause.";
        }
        return "Total time waited before the retries sent, in seconds.";
    }

    private static void header(StringBuilder out, String family, String help, String type) {
        out.append("# HELP ").append(family).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(family).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String family, List<String> names, List<String> values,
                               String value) {
        out.append(family).append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(names.get(i)).append("=\"");
            escapeLabelValue(out, values.get(i));
            out.append('"');
        }
        out.append("} ").append(value).append('\n');
    }

    /** Per the format: backslash, double quote and line feed are escaped; nothing else is. */
    static void escapeLabelValue(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '"') {
                out.append("\\\"");
            } else if (c == '\n') {
                out.append("\\n");
            } else {
                out.append(c);
            }
        }
    }
}
