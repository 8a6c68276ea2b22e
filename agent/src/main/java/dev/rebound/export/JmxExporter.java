package dev.rebound.export;

import dev.rebound.metrics.MetricsRegistry;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Publishes the registry as MBeans in domain {@code rebound}: {@code rebound:type=Agent} for totals and
 * {@code rebound:type=Host,host=<label>} per host label. Values are read through on every access. Hosts
 * that appear later are registered by a daemon thread ({@code rebound-jmx}) every few seconds, so they
 * show up in an open JConsole without any work on the app's call path.
 */
public final class JmxExporter {
    public static final String DOMAIN = "rebound";
    static final String THREAD_NAME = "rebound-jmx";
    private static final long SYNC_PERIOD_SECONDS = 5;

    private final MetricsRegistry registry;
    private final CircuitStates circuits;
    private final String version;
    /** The writable attributes' target; null: the agent MBean is read-only. */
    private final LiveSettings live;
    private final MBeanServer server;
    private final PrintStream errors;
    /** Host label to its name, or to null when registering it failed (never retried, never re-reported). */
    private final Map<String, ObjectName> hosts = new LinkedHashMap<String, ObjectName>();
    private ObjectName agent;
    private ScheduledExecutorService sync;
    private boolean hostFailureReported;

    public JmxExporter(MetricsRegistry registry, Supplier<Map<String, Boolean>> circuits, String version) {
        this(registry, circuits, version, null);
    }

    /** @param live what the agent MBean's writable attributes change, or null for none */
    public JmxExporter(MetricsRegistry registry, Supplier<Map<String, Boolean>> circuits, String version,
                       LiveSettings live) {
        this(registry, circuits, version, live, ManagementFactory.getPlatformMBeanServer(), System.err);
    }

    JmxExporter(MetricsRegistry registry, Supplier<Map<String, Boolean>> circuits, String version,
                MBeanServer server, PrintStream errors) {
        this(registry, circuits, version, null, server, errors);
    }

    JmxExporter(MetricsRegistry registry, Supplier<Map<String, Boolean>> circuits, String version,
                LiveSettings live, MBeanServer server, PrintStream errors) {
        this.live = live;
        this.registry = registry;
        this.circuits = new CircuitStates(registry, circuits);
        this.version = version == null ? AgentVersion.UNKNOWN : version;
        this.server = server;
        this.errors = errors;
    }

    /** {@code rebound:type=Agent}. */
    public static ObjectName agentName() {
        return name("rebound:type=Agent");
    }

    /** {@code rebound:type=Host,host=<label>}, the label quoted when it holds characters JMX reserves. */
    public static ObjectName hostName(String hostLabel) {
        return name("rebound:type=Host,host=" + quoteIfNeeded(hostLabel));
    }

    /** Registers the agent and every known host; false (after one stderr line) when JMX refuses. */
    public synchronized boolean start() {
        if (agent != null) {
            return true;
        }
        ObjectName name = agentName();
        try {
            server.registerMBean(ReboundMBean.forAgent(registry, circuits, version, live), name);
        } catch (Exception e) {
            errors.println("rebound: JMX metrics disabled: cannot register " + name + " (" + reason(e) + ")");
            return false;
        }
        agent = name;
        registerNewHosts();
        sync = Executors.newSingleThreadScheduledExecutor(new DaemonThreads(THREAD_NAME));
        sync.scheduleWithFixedDelay(new Runnable() {
            @Override
            public void run() {
                registerNewHosts();
            }
        }, SYNC_PERIOD_SECONDS, SYNC_PERIOD_SECONDS, TimeUnit.SECONDS);
        return true;
    }

    /** Registers an MBean for each host label that has appeared since the last call; returns how many. */
    public synchronized int registerNewHosts() {
        if (agent == null) {
            return 0;
        }
        int added = 0;
        for (String label : registry.hostLabels()) {
            if (hosts.containsKey(label)) {
                continue;
            }
            ObjectName name = null;
            try {
                name = hostName(label);
                server.registerMBean(ReboundMBean.forHost(registry, circuits, label), name);
                added++;
            } catch (Exception e) {
                if (!hostFailureReported) {
                    hostFailureReported = true;
                    errors.println("rebound: JMX metrics of host " + label + " not registered (" + reason(e) + ")");
                }
                name = null;
            }
            hosts.put(label, name);
        }
        return added;
    }

    /** Unregisters everything this exporter registered and ends its thread. */
    public synchronized void stop() {
        if (agent == null) {
            return;
        }
        sync.shutdownNow();
        sync = null;
        unregister(agent);
        agent = null;
        for (ObjectName name : hosts.values()) {
            if (name != null) {
                unregister(name);
            }
        }
        hosts.clear();
        hostFailureReported = false;
    }

    private void unregister(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (Exception e) {
            // Someone else removed it already: the goal state is reached.
        }
    }

    private static String quoteIfNeeded(String value) {
        if (value.isEmpty()) {
            return ObjectName.quote(value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '=' || c == ':' || c == '"' || c == '*' || c == '?' || c == '\n'
                    || c == '\\') {
                return ObjectName.quote(value);
            }
        }
        return value;
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an ObjectName: " + text, e);
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isEmpty() ? "" : ": " + message);
    }
}
