package dev.rebound.agent;

import dev.rebound.config.ReboundConfig;
import dev.rebound.engine.RetryEngine;
import dev.rebound.export.JmxExporter;
import dev.rebound.export.PrometheusExporter;
import dev.rebound.metrics.MetricsRegistry;

import java.util.Map;
import java.util.function.Supplier;

/** Starts the configured metric exporters; JMX off the premain thread, since the MBean server is slow to start. */
final class Exporters {
    private static final long JMX_DELAY_MILLIS = 1000;

    private Exporters() {
    }

    /** @return what is exported, for the startup line */
    static String start(ReboundConfig config, MetricsRegistry metrics, final RetryEngine engine, String version) {
        Supplier<Map<String, Boolean>> circuits = new Supplier<Map<String, Boolean>>() {
            @Override
            public Map<String, Boolean> get() {
                return engine.circuitStates();
            }
        };
        StringBuilder what = new StringBuilder();
        if (config.prometheusPort() >= 0) {
            PrometheusExporter prometheus = new PrometheusExporter(metrics, circuits,
                    config.prometheusHost(), config.prometheusPort(), version);
            if (prometheus.start()) {
                what.append("prometheus:").append(config.prometheusHost()).append(':').append(prometheus.port());
            }
        }
        if (config.jmxEnabled()) {
            final MetricsRegistry registry = metrics;
            final Supplier<Map<String, Boolean>> circuitStates = circuits;
            final String agentVersion = version;
            Thread starter = new Thread(new Runnable() {
                @Override
                public void run() {
                    // A second's delay keeps the MBean server's start-up (hundreds of classes) off
                    // short-lived apps entirely and off the app's own start-up otherwise.
                    try {
                        Thread.sleep(JMX_DELAY_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    new JmxExporter(registry, circuitStates, agentVersion).start();
                }
            }, "rebound-jmx-start");
            starter.setDaemon(true);
            starter.start();
            what.append(what.length() == 0 ? "" : ",").append("jmx");
        }
        return what.length() == 0 ? "off" : what.toString();
    }
}
