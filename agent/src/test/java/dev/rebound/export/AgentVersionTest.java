package dev.rebound.export;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class AgentVersionTest {
    @Test
    void readsTheFilteredBuildVersion() throws Exception {
        Properties p = new Properties();
        try (InputStream in = AgentVersionTest.class.getResourceAsStream("/dev/rebound/version.properties")) {
            p.load(in);
        }
        String version = AgentVersion.current();
        assertEquals(p.getProperty("version"), version);
        assertFalse(version.contains("${"), version);
        assertFalse(version.equals(AgentVersion.UNKNOWN));
    }
}
