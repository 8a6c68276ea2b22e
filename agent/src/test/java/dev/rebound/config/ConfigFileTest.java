package dev.rebound.config;

import dev.rebound.engine.Jitter;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void missingFileIsAProblemAndOtherSourcesStillApply() {
        String path = dir.resolve("nope.properties").toString();
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.max-attempts", "2"), Map.of("REBOUND_CONFIG_FILE", path));
        assertEquals(List.of("rebound: cannot read config file '" + path + "' (not found); continuing without it"),
                c.problems().stream().map(ConfigProblem::message).toList());
        assertEquals("config-file", c.problems().get(0).key());
        assertEquals(2, c.maxAttempts());
        assertEquals(5, c.circuitFailureThreshold());
        assertEquals(path, c.configFile());
    }

    @Test
    void directoryIsAProblem() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.config-file", dir.toString()), Map.of());
        assertEquals(List.of("rebound: cannot read config file '" + dir + "' (a directory); continuing without it"),
                c.problems().stream().map(ConfigProblem::message).toList());
    }

    @Test
    void malformedEscapeIsAProblem() throws IOException {
        Path f = dir.resolve("bad.properties");
        Files.write(f, "mode=observe\nmax-attempts=\\uZZZZ\n".getBytes(StandardCharsets.UTF_8));
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.config-file", f.toString()), Map.of());
        assertEquals(1, c.problems().size());
        String message = c.problems().get(0).message();
        assertEquals("rebound: cannot read config file '" + f + "' (malformed: ", message.substring(0,
                message.indexOf("malformed: ") + "malformed: ".length()));
        assertEquals(Mode.RETRY, c.mode(), "nothing from a half-read file is used");
    }

    @Test
    void badValueInTheFileIsReportedLikeAnyOther() throws IOException {
        Path f = dir.resolve("r.properties");
        Files.write(f, "# comment\nbackoff.jitter = wobbly\n".getBytes(StandardCharsets.UTF_8));
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.config-file", " " + f + " "), Map.of());
        assertEquals(List.of("rebound: bad value for backoff.jitter: 'wobbly' (not one of full, equal, decorrelated "
                + "or none); using full"), c.problems().stream().map(ConfigProblem::message).toList());
        assertEquals(Jitter.FULL, c.backoffJitter());
    }

    @Test
    void fileIsReadAsUtf8() throws IOException {
        Path f = dir.resolve("r.properties");
        Files.write(f, "mode=obs\u00e9rve\n".getBytes(StandardCharsets.UTF_8));
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.config-file", f.toString()), Map.of());
        assertEquals("rebound: bad value for mode: 'obs\u00e9rve' (not one of retry or observe); using retry",
                c.problems().get(0).message());
    }

    @Test
    void emptyConfigFileSettingMeansNoFile() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.config-file", ""),
                Map.of("REBOUND_CONFIG_FILE", dir.resolve("absent").toString()));
        assertEquals(List.of(), c.problems());
        assertEquals("", c.configFile());
    }
}
