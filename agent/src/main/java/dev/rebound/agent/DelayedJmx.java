package dev.rebound.agent;

import dev.rebound.export.JmxExporter;
import dev.rebound.export.LiveSettings;
import dev.rebound.metrics.MetricsRegistry;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Registers the JMX MBeans a second after premain, on a daemon thread of its own: the platform MBean server
 * loads several hundred classes, which short-lived apps then never pay for, and longer ones pay off their
 * start-up. One class for the thread and its stop, so that premain loads no JMX class and no helper class.
 */
final class DelayedJmx extends Thread {
    private static final long DELAY_MILLIS = 1000;

    private final MetricsRegistry registry;
    private final Supplier<Map<String, Boolean>> circuits;
    private final String version;
    private final LiveSettings live;
    /** Guarded by {@code this}. */
    private JmxExporter exporter;
    private boolean stopped;

    /** @param live what the MBean's writable attributes change */
    DelayedJmx(MetricsRegistry registry, Supplier<Map<String, Boolean>> circuits, String version, LiveSettings live) {
        super("rebound-jmx-start");
        setDaemon(true);
        this.registry = registry;
        this.circuits = circuits;
        this.version = version;
        this.live = live;
    }

    @Override
    public void run() {
        try {
            Thread.sleep(DELAY_MILLIS);
        } catch (InterruptedException e) {
            return;
        }
        JmxExporter made = new JmxExporter(registry, circuits, version, live); // starts the platform MBean server
        synchronized (this) {
            if (!stopped) {
                exporter = made;
                made.start();
            }
        }
    }

    /** Detach: unregisters the MBeans, or keeps them from being registered at all. */
    synchronized void stopExporter() {
        stopped = true;
        if (exporter != null) {
            exporter.stop();
        }
    }
}
