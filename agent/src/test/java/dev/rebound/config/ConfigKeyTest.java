package dev.rebound.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {

    @Test
    void everyDefaultParsesAndItsListedFormParsesBackToTheSameValue() throws BadValue {
        for (ConfigKey k : TestKeys.KEYS.all()) {
            Object parsed = k.type.parse(k.defaultValue());
            String formatted = k.type.format(parsed);
            assertEquals(formatted, k.type.format(k.type.parse(formatted)), k.key());
            assertEquals(k.defaultValue(), formatted, k.key());
        }
    }

    @Test
    void namesAndEnvVarsAreUnique() {
        Set<String> env = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (ConfigKey k : TestKeys.KEYS.all()) {
            assertTrue(env.add(k.envVar()), k.envVar());
            assertTrue(keys.add(k.key()), k.key());
            assertFalse(k.description().isEmpty(), k.key());
        }
    }

    @Test
    void everyClientHasAnInstrumentationSwitch() {
        for (String client : List.of("http-url-connection", "jdk-http-client", "apache-httpclient-4",
                "apache-httpclient-5")) {
            assertTrue(TestKeys.KEYS.byKey("instrumentation." + client + ".enabled") != null, client);
        }
    }

    @Test
    void describeListsEveryKeyWithDefaultEnvAndDescription() {
        String text = TestKeys.KEYS.describe();
        for (ConfigKey k : TestKeys.KEYS.all()) {
            String expected = "  " + k.key() + "  (default: " + (k.defaultValue().isEmpty() ? "none" : k.defaultValue())
                    + "; env " + k.envVar() + ")\n      " + k.description() + "\n";
            assertTrue(text.contains(expected), expected);
        }
    }

    @Test
    void aClientLabelBringsItsSwitchWhereverKeysAreReadListedAndSuggested() {
        ConfigKeys keys = ConfigKeys.of(List.of("http-url-connection", "okhttp"));
        ReboundConfig c = ConfigLoader.load(keys, Map.of("rebound.instrumentation.okhttp.enabled", "false",
                        "rebound.instrumentation.okhtp.enabled", "true"),
                Map.of("REBOUND_INSTRUMENTATION_HTTP_URL_CONNECTION_ENABLED", "false"),
                "instrumentation.okhttp.enabled=true");
        assertEquals(List.of("rebound: unknown system property rebound.instrumentation.okhtp.enabled (ignored); "
                + "did you mean rebound.instrumentation.okhttp.enabled?"),
                c.problems().stream().map(ConfigProblem::message).toList());
        assertFalse(c.instrumentationEnabled("okhttp"));
        assertFalse(c.instrumentationEnabled("http-url-connection"));
        assertThrows(IllegalArgumentException.class, () -> c.instrumentationEnabled("jdk-http-client"));
        assertTrue(keys.describe().contains("\n  instrumentation.okhttp.enabled  (default: true; "
                + "env REBOUND_INSTRUMENTATION_OKHTTP_ENABLED)\n"), keys.describe());
        List<String> names = keys.all().stream().map(ConfigKey::key).toList();
        int after = names.indexOf("hosts.exclude");
        assertEquals(List.of("instrumentation.http-url-connection.enabled", "instrumentation.okhttp.enabled"),
                names.subList(after + 1, after + 3));
        assertTrue(c.renderEffective().contains("instrumentation.okhttp.enabled"));
    }

    @Test
    void badOrRepeatedClientLabelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ConfigKeys.of(List.of("OkHttp")));
        assertThrows(IllegalArgumentException.class, () -> ConfigKeys.of(List.of("a.b")));
        assertThrows(IllegalArgumentException.class, () -> ConfigKeys.of(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> ConfigKeys.of(List.of("okhttp", "okhttp")));
    }
}
