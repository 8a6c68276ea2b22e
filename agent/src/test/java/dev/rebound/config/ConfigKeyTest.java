package dev.rebound.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {

    @Test
    void everyDefaultParsesAndItsListedFormParsesBackToTheSameValue() throws BadValue {
        for (ConfigKey k : ConfigKey.values()) {
            Object parsed = k.type.parse(k.defaultValue());
            String formatted = k.type.format(parsed);
            assertEquals(formatted, k.type.format(k.type.parse(formatted)), k.key());
            if (!(parsed instanceof Double)) {
                assertEquals(k.defaultValue(), formatted, k.key());
            }
        }
    }

    @Test
    void namesAndEnvVarsAreUnique() {
        Set<String> env = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (ConfigKey k : ConfigKey.values()) {
            assertTrue(env.add(k.envVar()), k.envVar());
            assertTrue(keys.add(k.key()), k.key());
            assertFalse(k.description().isEmpty(), k.key());
        }
    }

    @Test
    void everyClientHasAnInstrumentationSwitch() {
        for (String client : List.of("http-url-connection", "jdk-http-client", "apache-httpclient-4",
                "apache-httpclient-5")) {
            assertTrue(ConfigKey.byKey("instrumentation." + client + ".enabled") != null, client);
        }
    }

    @Test
    void describeListsEveryKeyWithDefaultEnvAndDescription() {
        String text = ConfigKey.describe();
        for (ConfigKey k : ConfigKey.values()) {
            String expected = "  " + k.key() + "  (default: " + (k.defaultValue().isEmpty() ? "none" : k.defaultValue())
                    + "; env " + k.envVar() + ")\n      " + k.description() + "\n";
            assertTrue(text.contains(expected), expected);
        }
    }
}
