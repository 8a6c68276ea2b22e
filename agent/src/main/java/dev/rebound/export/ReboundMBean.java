package dev.rebound.export;

import dev.rebound.engine.Outcome;
import dev.rebound.metrics.MetricsRegistry;
import dev.rebound.metrics.Sample;
import dev.rebound.metrics.Series;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InvalidAttributeValueException;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.ReflectionException;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenMBeanAttributeInfoSupport;
import javax.management.openmbean.OpenMBeanConstructorInfoSupport;
import javax.management.openmbean.OpenMBeanInfoSupport;
import javax.management.openmbean.OpenMBeanOperationInfoSupport;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Open MBean over the live registry: every read takes a fresh snapshot, so values are never a copy from
 * registration time. Scoped to one host label, or to the whole agent when the label is null. The agent's
 * MBean also holds the settings that may change while the JVM runs ({@link #SETTINGS}), writable.
 */
final class ReboundMBean implements DynamicMBean {
    /** Writable attribute to its configuration key; the value types follow the key's ({@link #settingType}). */
    static final String[][] SETTINGS = {
        {"Enabled", "enabled"}, {"Mode", "mode"}, {"MaxAttempts", "max-attempts"}, {"RetryOn", "retry-on"},
        {"HostsInclude", "hosts.include"}, {"HostsExclude", "hosts.exclude"}};

    private final MetricsRegistry registry;
    private final LiveSettings live;
    private final CircuitStates circuits;
    private final String hostLabel;
    private final String version;
    private final SampleTables requests;
    private final SampleTables retries;
    private final SampleTables skipped;
    private final MBeanInfo info;

    static ReboundMBean forHost(MetricsRegistry registry, CircuitStates circuits, String hostLabel)
            throws OpenDataException {
        return new ReboundMBean(registry, circuits, hostLabel, null, null);
    }

    /** @param live the settings behind the writable attributes, or null for none */
    static ReboundMBean forAgent(MetricsRegistry registry, CircuitStates circuits, String version, LiveSettings live)
            throws OpenDataException {
        return new ReboundMBean(registry, circuits, null, version, live);
    }

    private ReboundMBean(MetricsRegistry registry, CircuitStates circuits, String hostLabel, String version,
                         LiveSettings live) throws OpenDataException {
        this.registry = registry;
        this.live = live;
        this.circuits = circuits;
        this.hostLabel = hostLabel;
        this.version = version;
        boolean withHost = hostLabel == null;
        this.requests = new SampleTables(Series.REQUESTS, withHost);
        this.retries = new SampleTables(Series.RETRIES, withHost);
        this.skipped = new SampleTables(Series.RETRIES_SKIPPED, withHost);
        this.info = buildInfo();
    }

    /** {@code RequestsOk}, {@code RequestsNotRetried}, ...: one attribute per outcome, for JConsole charts. */
    static String outcomeAttribute(Outcome outcome) {
        StringBuilder name = new StringBuilder("Requests");
        for (String part : outcome.name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private MBeanInfo buildInfo() throws OpenDataException {
        List<OpenMBeanAttributeInfoSupport> attrs = new ArrayList<OpenMBeanAttributeInfoSupport>();
        if (hostLabel == null) {
            attrs.add(attr("Version", "Agent version", SimpleType.STRING));
            attrs.add(attr("MaxHosts", "Hosts with their own label (metrics.max-hosts)", SimpleType.INTEGER));
            attrs.add(attr("Hosts", "Host labels with data", new ArrayType<String[]>(1, SimpleType.STRING)));
            attrs.add(attr("OpenCircuits", "Host labels whose circuit is open",
                    new ArrayType<String[]>(1, SimpleType.STRING)));
            attrs.add(attr("UncoveredClients", "HTTP client libraries loaded whose calls rebound does not retry",
                    new ArrayType<String[]>(1, SimpleType.STRING)));
            if (live != null) {
                for (String[] setting : SETTINGS) {
                    attrs.add(new OpenMBeanAttributeInfoSupport(setting[0], "Setting " + setting[1]
                            + ", applied at once to calls that start from then on", settingType(setting[1]),
                            true, true, false));
                }
            }
        } else {
            attrs.add(attr("Host", "Host label", SimpleType.STRING));
            attrs.add(attr("CircuitOpen", "Whether this host's circuit breaker is open", SimpleType.BOOLEAN));
        }
        attrs.add(attr("Requests", "Logical calls", SimpleType.LONG));
        for (Outcome outcome : Outcome.values()) {
            attrs.add(attr(outcomeAttribute(outcome), "Logical calls with outcome " + outcome.label(),
                    SimpleType.LONG));
        }
        attrs.add(attr("Retries", "Retries sent", SimpleType.LONG));
        attrs.add(attr("RetriesSkipped", "Retry candidates not retried", SimpleType.LONG));
        attrs.add(attr("BackoffSeconds", "Time waited before retries, in seconds", SimpleType.DOUBLE));
        attrs.add(attr("RequestsDetail", "Logical calls by client, method, outcome", requests.type()));
        attrs.add(attr("RetriesDetail", "Retries by client and reason", retries.type()));
        attrs.add(attr("RetriesSkippedDetail", "Skipped retries by client and cause", skipped.type()));
        String description = hostLabel == null ? "rebound agent totals" : "rebound metrics of host " + hostLabel;
        return new OpenMBeanInfoSupport(getClass().getName(), description,
                attrs.toArray(new OpenMBeanAttributeInfoSupport[0]), new OpenMBeanConstructorInfoSupport[0],
                new OpenMBeanOperationInfoSupport[0], null);
    }

    private static OpenMBeanAttributeInfoSupport attr(String name, String description, OpenType<?> type) {
        return new OpenMBeanAttributeInfoSupport(name, description, type, true, false, false);
    }

    private List<Sample> samples() {
        return hostLabel == null ? registry.snapshot() : registry.snapshot(hostLabel);
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException, MBeanException {
        return read(name, samples());
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        List<Sample> samples = samples();
        AttributeList out = new AttributeList();
        for (String name : names) {
            try {
                out.add(new Attribute(name, read(name, samples)));
            } catch (AttributeNotFoundException | MBeanException e) {
                // JMX convention: attributes that cannot be read are left out of the list.
            }
        }
        return out;
    }

    private Object read(String name, List<Sample> samples) throws AttributeNotFoundException, MBeanException {
        try {
            Object value = readOrNull(name, samples);
            if (value == null) {
                throw new AttributeNotFoundException(name);
            }
            return value;
        } catch (OpenDataException e) {
            throw new MBeanException(e, "cannot build " + name);
        }
    }

    private Object readOrNull(String name, List<Sample> samples) throws OpenDataException {
        if ("Requests".equals(name)) {
            return sum(samples, Series.REQUESTS, null);
        }
        for (Outcome outcome : Outcome.values()) {
            if (outcomeAttribute(outcome).equals(name)) {
                return sum(samples, Series.REQUESTS, outcome.label());
            }
        }
        if ("Retries".equals(name)) {
            return sum(samples, Series.RETRIES, null);
        }
        if ("RetriesSkipped".equals(name)) {
            return sum(samples, Series.RETRIES_SKIPPED, null);
        }
        if ("BackoffSeconds".equals(name)) {
            return sum(samples, Series.BACKOFF_SECONDS, null) / 1e9;
        }
        if ("RequestsDetail".equals(name)) {
            return requests.table(samples);
        }
        if ("RetriesDetail".equals(name)) {
            return retries.table(samples);
        }
        if ("RetriesSkippedDetail".equals(name)) {
            return skipped.table(samples);
        }
        return hostLabel == null ? readAgent(name) : readHost(name);
    }

    private Object readHost(String name) {
        if ("Host".equals(name)) {
            return hostLabel;
        }
        if ("CircuitOpen".equals(name)) {
            return circuits.isOpen(hostLabel);
        }
        return null;
    }

    private Object readAgent(String name) {
        if ("Version".equals(name)) {
            return version;
        }
        String key = live == null ? null : settingKey(name);
        if (key != null) {
            String text = live.value(key);
            OpenType<?> type = settingType(key);
            return type == SimpleType.BOOLEAN ? Boolean.valueOf(text)
                    : type == SimpleType.INTEGER ? Integer.valueOf(text) : text;
        }
        if ("MaxHosts".equals(name)) {
            return registry.maxHosts();
        }
        if ("Hosts".equals(name)) {
            return registry.hostLabels().toArray(new String[0]);
        }
        if ("UncoveredClients".equals(name)) {
            return registry.uncoveredClients().labels().toArray(new String[0]);
        }
        if ("OpenCircuits".equals(name)) {
            List<String> open = new ArrayList<String>();
            for (Map.Entry<String, Boolean> e : circuits.byLabel().entrySet()) {
                if (e.getValue()) {
                    open.add(e.getKey());
                }
            }
            return open.toArray(new String[0]);
        }
        return null;
    }

    /** Raw sum of a series, optionally only where outcome matches. */
    private static long sum(List<Sample> samples, Series series, String outcome) {
        long total = 0;
        for (Sample s : samples) {
            if (s.series() == series && (outcome == null || outcome.equals(s.label("outcome")))) {
                total += s.rawValue();
            }
        }
        return total;
    }

    static String settingKey(String attribute) {
        for (String[] setting : SETTINGS) {
            if (setting[0].equals(attribute)) {
                return setting[1];
            }
        }
        return null;
    }

    static OpenType<?> settingType(String key) {
        return "enabled".equals(key) ? SimpleType.BOOLEAN
                : "max-attempts".equals(key) ? SimpleType.INTEGER : SimpleType.STRING;
    }

    /**
     * Goes through the same validation as the config file; a refused value throws with the same text the
     * agent prints, and the configuration stays as it was.
     */
    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException, InvalidAttributeValueException {
        String key = hostLabel == null && live != null ? settingKey(attribute.getName()) : null;
        if (key == null) {
            throw new AttributeNotFoundException(attribute.getName() + " is read-only");
        }
        Object value = attribute.getValue();
        OpenType<?> type = settingType(key);
        if (value == null || !type.isValue(value)) {
            throw new InvalidAttributeValueException(attribute.getName() + " takes a " + type.getClassName()
                    + ", not " + (value == null ? "null" : value.getClass().getName()));
        }
        String refused = live.set(key, String.valueOf(value));
        if (refused != null) {
            throw new InvalidAttributeValueException(refused);
        }
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        AttributeList set = new AttributeList();
        for (Attribute attribute : attributes.asList()) {
            try {
                setAttribute(attribute);
                set.add(attribute);
            } catch (AttributeNotFoundException | InvalidAttributeValueException e) {
                // JMX convention: attributes that cannot be set are left out of the list.
            }
        }
        return set;
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) throws ReflectionException {
        throw new ReflectionException(new NoSuchMethodException(action), "no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }
}
