package dev.rebound.agent;

import dev.rebound.config.ReboundConfig;
import dev.rebound.engine.RetryEngine;
import dev.rebound.export.JmxExporter;
import dev.rebound.export.LiveSettings;
import dev.rebound.export.PrometheusExporter;
import dev.rebound.metrics.MetricsRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Starts the configured metric exporters; JMX off the premain thread, since the MBean server is slow to start. */
final class Exporters {
    private static final long JMX_DELAY_MILLIS = 1000;

    /** What {@link #stopAll} ends: the exporters started, or about to start, since the last stop. */
    private static final List<Runnable> STOPS = new ArrayList<Runnable>();

    private Exporters() {
    }

    /** Stops every exporter (detach): frees the Prometheus port and the MBean names for a later attach. */
    static void stopAll() {
        List<Runnable> stops;
        synchronized (STOPS) {
            stops = new ArrayList<Runnable>(STOPS);
            STOPS.clear();
        }
        for (Runnable stop : stops) {
            try {
                stop.run();
            } catch (Throwable t) {
                System.err.println("rebound: cannot stop a metrics exporter (" + t + ")");
            }
        }
    }

    private static void onStop(Runnable stop) {
        synchronized (STOPS) {
            STOPS.add(stop);
        }
    }

    /** @return what is exported, for the startup line */
    /** @param live what the MBean's writable attributes change */
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
            final MetricsRegistry registry = metrics;
            final Supplier<Map<String, Boolean>> circuitStates = circuits;
            final String agentVersion = version;
            // Made on the starter thread: its constructor starts the platform MBean server.
            final JmxExporter[] jmx = new JmxExporter[1];
            final boolean[] stopped = new boolean[1];
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
                    JmxExporter exporter = new JmxExporter(registry, circuitStates, agentVersion, live);
                    synchronized (jmx) {
                        if (!stopped[0]) {
                            jmx[0] = exporter;
                            exporter.start();
                        }
                    }
                }
            }, "rebound-jmx-start");
            onStop(new Runnable() {
                @Override
                public void run() {
                    synchronized (jmx) {
                        stopped[0] = true;
                        if (jmx[0] != null) {
                            jmx[0].stop();
                        }
                    }
                }
            });
            starter.setDaemon(true);
            starter.start();
            what.append(what.length() == 0 ? "" : ",").append("jmx");
        }
        return what.length() == 0 ? "off" : what.toString();
    }
}
