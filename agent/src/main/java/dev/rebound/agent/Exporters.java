package dev.rebound.agent;

import dev.rebound.config.ReboundConfig;
import dev.rebound.engine.RetryEngine;
import dev.rebound.export.LiveSettings;
import dev.rebound.export.PrometheusExporter;
import dev.rebound.metrics.MetricsRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Starts the configured metric exporters; JMX off the premain thread ({@link DelayedJmx}). */
final class Exporters {
    /**
     * What {@link #stopAll} ends: the exporters started, or about to start, since the last stop: a Runnable,
     * or the {@link DelayedJmx} itself (no stop wrapper to load at start-up).
     */
    private static final List<Object> STOPS = new ArrayList<Object>();

    private Exporters() {
    }

    /** Stops every exporter (detach): frees the Prometheus port and the MBean names for a later attach. */
    static void stopAll() {
        List<Object> stops;
        synchronized (STOPS) {
            stops = new ArrayList<Object>(STOPS);
            STOPS.clear();
        }
        for (Object stop : stops) {
            try {
                if (stop instanceof DelayedJmx) {
                    ((DelayedJmx) stop).stopExporter();
                } else {
                    ((Runnable) stop).run();
                }
            } catch (Throwable t) {
                System.err.println("rebound: cannot stop a metrics exporter (" + t + ")");
            }
        }
    }

    private static void onStop(Object stop) {
        synchronized (STOPS) {
            STOPS.add(stop);
        }
    }

    /**
     * @param live what the MBean's writable attributes change
     * @return what is exported, for the startup line
     */
    static String start(ReboundConfig config, MetricsRegistry metrics, final RetryEngine engine, String version,
                        final LiveSettings live) {
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
                final PrometheusExporter started = prometheus;
                onStop(new Runnable() {
                    @Override
                    public void run() {
                        started.stop();
                    }
                });
                what.append("prometheus:").append(config.prometheusHost()).append(':').append(prometheus.port());
            }
        }
        if (config.jmxEnabled()) {
            DelayedJmx jmx = new DelayedJmx(metrics, circuits, version, live);
            onStop(jmx);
            jmx.start();
            what.append(what.length() == 0 ? "" : ",").append("jmx");
        }
        return what.length() == 0 ? "off" : what.toString();
    }
}
