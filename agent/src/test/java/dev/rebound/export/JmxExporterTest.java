package dev.rebound.export;

import dev.rebound.engine.Client;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.SkipCause;
import dev.rebound.metrics.MetricsRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmxExporterTest {
    private static final Client HUC = Client.named("http-url-connection");
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Map<String, Boolean> circuits = new HashMap<>();
    private final List<JmxExporter> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(JmxExporter::stop);
    }

    private JmxExporter start(MetricsRegistry registry) {
        JmxExporter exporter = new JmxExporter(registry, () -> circuits, "9.9.9");
        started.add(exporter);
        assertTrue(exporter.start());
        return exporter;
    }

    private Object attr(ObjectName name, String attribute) throws Exception {
        return server.getAttribute(name, attribute);
    }

    @Test
    void hostMBeanReadsLiveCounters() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(10);
        registry.callEnded(HUC, "api.example", "GET", Outcome.OK);
        registry.callEnded(HUC, "api.example", "GET", Outcome.OK);
        registry.callEnded(Client.named("jdk-http-client"), "api.example", "PUT", Outcome.RECOVERED);
        registry.retried(HUC, "api.example", "503", 2_000_000_000L);
        registry.retrySkipped(HUC, "api.example", SkipCause.DEADLINE);
        circuits.put("api.example", true);
        start(registry);
        ObjectName host = JmxExporter.hostName("api.example");
        assertEquals(new ObjectName("rebound:type=Host,host=api.example"), host);

        assertEquals(3L, attr(host, "Requests"));
        assertEquals(2L, attr(host, "RequestsOk"));
        assertEquals(1L, attr(host, "RequestsRecovered"));
        assertEquals(0L, attr(host, "RequestsExhausted"));
        assertEquals(0L, attr(host, "RequestsNotRetried"));
        assertEquals(1L, attr(host, "Retries"));
        assertEquals(1L, attr(host, "RetriesSkipped"));
        assertEquals(2.0, (Double) attr(host, "BackoffSeconds"), 1e-12);
        assertEquals(true, attr(host, "CircuitOpen"));
        assertEquals("api.example", attr(host, "Host"));

        registry.callEnded(HUC, "api.example", "GET", Outcome.EXHAUSTED);
        registry.callEnded(HUC, "api.example", "GET", Outcome.OK);
        circuits.put("api.example", false);

        assertEquals(3L, attr(host, "RequestsOk"));
        assertEquals(1L, attr(host, "RequestsExhausted"));
        assertEquals(5L, attr(host, "Requests"));
        assertEquals(false, attr(host, "CircuitOpen"));
    }

    @Test
    void detailTablesBreakCountsDownByLabel() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(10);
        registry.callEnded(HUC, "api.example", "GET", Outcome.OK);
        registry.callEnded(HUC, "api.example", "GET", Outcome.OK);
        registry.callEnded(HUC, "api.example", "DELETE", Outcome.NOT_RETRIED);
        registry.retried(Client.named("apache-httpclient-5"), "api.example", "reset", 1);
        start(registry);
        ObjectName host = JmxExporter.hostName("api.example");

        TabularData requests = (TabularData) attr(host, "RequestsDetail");
        assertEquals(2, requests.size());
        CompositeData ok = requests.get(new Object[] {"http-url-connection", "GET", "ok"});
        assertEquals(2L, ok.get("count"));
        CompositeData delete = requests.get(new Object[] {"http-url-connection", "DELETE", "not_retried"});
        assertEquals(1L, delete.get("count"));
        TabularData retries = (TabularData) attr(host, "RetriesDetail");
        assertEquals(1L, retries.get(new Object[] {"apache-httpclient-5", "reset"}).get("count"));
        assertTrue(((TabularData) attr(host, "RetriesSkippedDetail")).isEmpty());

        TabularData all = (TabularData) attr(JmxExporter.agentName(), "RequestsDetail");
        assertEquals(2L, all.get(new Object[] {"http-url-connection", "api.example", "GET", "ok"}).get("count"));
    }

    @Test
    void hostsSeenAfterStartAreRegisteredOnTheNextSync() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(10);
        registry.callEnded(HUC, "early.example", "GET", Outcome.OK);
        JmxExporter exporter = start(registry);
        ObjectName late = JmxExporter.hostName("late.example:8443");
        assertEquals(new ObjectName("rebound:type=Host,host=\"late.example:8443\""), late);
        assertFalse(server.isRegistered(late));

        registry.callEnded(HUC, "late.example:8443", "POST", Outcome.NOT_RETRIED);
        assertEquals(1, exporter.registerNewHosts());
        assertEquals(0, exporter.registerNewHosts());

        assertTrue(server.isRegistered(late));
        assertEquals(1L, attr(late, "RequestsNotRetried"));
        assertTrue(server.isRegistered(JmxExporter.hostName("early.example")));
        List<Thread> sync = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(JmxExporter.THREAD_NAME)).toList();
        assertEquals(1, sync.size());
        assertTrue(sync.get(0).isDaemon());
        assertArrayEquals(new String[] {"early.example", "late.example:8443"},
                (String[]) attr(JmxExporter.agentName(), "Hosts"));
    }

    @Test
    void agentMBeanShowsTotalsVersionAndOpenCircuits() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(1);
        registry.callEnded(HUC, "a", "GET", Outcome.OK);
        registry.callEnded(HUC, "b", "GET", Outcome.EXHAUSTED);
        registry.retried(HUC, "b", "502", 500_000_000L);
        registry.retried(HUC, "a", "504", 250_000_000L);
        circuits.put("a", false);
        circuits.put("b", true);
        start(registry);
        ObjectName agent = new ObjectName("rebound:type=Agent");

        assertEquals("9.9.9", attr(agent, "Version"));
        assertEquals(1, attr(agent, "MaxHosts"));
        assertEquals(2L, attr(agent, "Requests"));
        assertEquals(1L, attr(agent, "RequestsExhausted"));
        assertEquals(2L, attr(agent, "Retries"));
        assertEquals(0.75, (Double) attr(agent, "BackoffSeconds"), 1e-12);
        assertArrayEquals(new String[] {"a", "other"}, (String[]) attr(agent, "Hosts"));
        assertArrayEquals(new String[] {"other"}, (String[]) attr(agent, "OpenCircuits"));
        assertArrayEquals(new String[0], (String[]) attr(agent, "UncoveredClients"));
        registry.uncoveredClients().add("reactor-netty");
        registry.uncoveredClients().add("jetty-client");
        assertArrayEquals(new String[] {"jetty-client", "reactor-netty"}, (String[]) attr(agent, "UncoveredClients"));
        assertEquals(1L, attr(JmxExporter.hostName("other"), "RequestsExhausted"));
        assertEquals(true, attr(JmxExporter.hostName("other"), "CircuitOpen"));
    }

    @Test
    void attributesAreReadOnlyAndListedInTheInfo() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(1);
        registry.callEnded(HUC, "a", "GET", Outcome.OK);
        start(registry);
        MBeanAttributeInfo[] infos = server.getMBeanInfo(JmxExporter.hostName("a")).getAttributes();
        List<String> names = Arrays.stream(infos).map(MBeanAttributeInfo::getName).toList();
        assertEquals(List.of("Host", "CircuitOpen", "Requests", "RequestsOk", "RequestsRecovered",
                "RequestsExhausted", "RequestsNotRetried", "RequestsFailed", "Retries", "RetriesSkipped", "BackoffSeconds",
                "RequestsDetail", "RetriesDetail", "RetriesSkippedDetail"), names);
        for (MBeanAttributeInfo info : infos) {
            assertTrue(info.isReadable() && !info.isWritable(), info.getName());
            server.getAttribute(JmxExporter.hostName("a"), info.getName());
        }
    }

    @Test
    void stopUnregistersEverything() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(5);
        registry.callEnded(HUC, "a", "GET", Outcome.OK);
        JmxExporter exporter = start(registry);
        assertTrue(server.isRegistered(JmxExporter.hostName("a")));

        exporter.stop();

        assertFalse(server.isRegistered(JmxExporter.hostName("a")));
        assertFalse(server.isRegistered(JmxExporter.agentName()));
        assertTrue(server.queryNames(new ObjectName("rebound:*"), null).isEmpty());
    }

    @Test
    void registrationFailureIsOneLineAndNoException() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(5);
        start(registry);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        JmxExporter second = new JmxExporter(registry, () -> circuits, "1", server,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertFalse(second.start());
        assertEquals(0, second.registerNewHosts());
        second.stop();

        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("rebound: JMX metrics disabled: cannot register rebound:type=Agent ("), text);
        assertEquals(1, text.lines().count(), text);
        assertTrue(server.isRegistered(JmxExporter.agentName()), "the first exporter's MBean stays");
    }

    @Test
    void hostRegistrationFailureIsReportedOnceAndSkipped() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(5);
        registry.callEnded(HUC, "a", "GET", Outcome.OK);
        registry.callEnded(HUC, "b", "GET", Outcome.OK);
        // Squat both host names so that the exporter cannot take them.
        server.registerMBean(ReboundMBean.forHost(registry, new CircuitStates(registry, Map::of), "a"),
                JmxExporter.hostName("a"));
        server.registerMBean(ReboundMBean.forHost(registry, new CircuitStates(registry, Map::of), "b"),
                JmxExporter.hostName("b"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            JmxExporter exporter = new JmxExporter(registry, () -> circuits, "1", server,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            started.add(exporter);

            assertTrue(exporter.start());
            assertEquals(0, exporter.registerNewHosts());

            String text = err.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("rebound: JMX metrics of host a not registered ("), text);
            assertEquals(1, text.lines().count(), text);
        } finally {
            server.unregisterMBean(JmxExporter.hostName("a"));
            server.unregisterMBean(JmxExporter.hostName("b"));
        }
    }

    @Test
    void quotesHostLabelsWithReservedCharacters() throws Exception {
        for (String label : List.of("h:1", "[::1]:8080", "a,b", "a=b", "q\"uote", "star*", "why?", "back\\slash",
                "new\nline", "")) {
            ObjectName name = JmxExporter.hostName(label);
            assertEquals(label, ObjectName.unquote(name.getKeyProperty("host")), label);
            assertEquals("Host", name.getKeyProperty("type"));
        }
        assertEquals("plain.example", JmxExporter.hostName("plain.example").getKeyProperty("host"));
    }

    @Test
    void theAgentMBeansSettingsAreWritableThroughTheLiveSettings() throws Exception {
        Map<String, String> values = new HashMap<>(Map.of("enabled", "true", "mode", "observe",
                "max-attempts", "3", "retry-on", "502", "hosts.include", "*", "hosts.exclude", ""));
        List<String> writes = new ArrayList<>();
        LiveSettings live = new LiveSettings() {
            @Override
            public String value(String key) {
                return values.get(key);
            }

            @Override
            public String set(String key, String value) {
                writes.add(key + "=" + value);
                if (value.equals("11")) {
                    return "rebound: config change not applied (jmx): value out of range for max-attempts";
                }
                values.put(key, value);
                return null;
            }
        };
        JmxExporter exporter = new JmxExporter(new MetricsRegistry(10), () -> circuits, "9.9.9", live, server,
                System.err);
        started.add(exporter);
        assertTrue(exporter.start());
        ObjectName agent = JmxExporter.agentName();
        assertEquals("observe", attr(agent, "Mode"));
        assertEquals(3, attr(agent, "MaxAttempts"));
        assertEquals(Boolean.TRUE, attr(agent, "Enabled"));
        server.setAttribute(agent, new javax.management.Attribute("Mode", "retry"));
        server.setAttribute(agent, new javax.management.Attribute("Enabled", false));
        server.setAttribute(agent, new javax.management.Attribute("HostsExclude", "*.internal"));
        assertEquals("retry", attr(agent, "Mode"));
        assertEquals(Boolean.FALSE, attr(agent, "Enabled"));
        javax.management.InvalidAttributeValueException refused = org.junit.jupiter.api.Assertions.assertThrows(
                javax.management.InvalidAttributeValueException.class,
                () -> server.setAttribute(agent, new javax.management.Attribute("MaxAttempts", 11)));
        assertEquals("rebound: config change not applied (jmx): value out of range for max-attempts",
                refused.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(javax.management.InvalidAttributeValueException.class,
                () -> server.setAttribute(agent, new javax.management.Attribute("MaxAttempts", "2")),
                "an Integer attribute");
        org.junit.jupiter.api.Assertions.assertThrows(javax.management.AttributeNotFoundException.class,
                () -> server.setAttribute(agent, new javax.management.Attribute("Version", "1")));
        assertEquals(List.of("mode=retry", "enabled=false", "hosts.exclude=*.internal", "max-attempts=11"), writes);
        boolean writable = false;
        for (MBeanAttributeInfo info : server.getMBeanInfo(agent).getAttributes()) {
            if (info.getName().equals("RetryOn")) {
                writable = info.isWritable();
            }
        }
        assertTrue(writable);
    }
}
