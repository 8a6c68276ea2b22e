package dev.rebound.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnknownKeyTest {

    private static List<String> messages(ReboundConfig c) {
        return c.problems().stream().map(ConfigProblem::message).toList();
    }

    @Test
    void misspelledSystemPropertyGetsASuggestion() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.max-attempt", "5", "java.version", "x"), Map.of());
        assertEquals(List.of("rebound: unknown system property rebound.max-attempt (ignored); "
                + "did you mean rebound.max-attempts?"), messages(c));
        assertEquals("rebound.max-attempt", c.problems().get(0).key());
        assertEquals(3, c.maxAttempts());
    }

    @Test
    void misspelledEnvVarGetsASuggestionInEnvSpelling() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of(),
                Map.of("REBOUND_BACKOF_MAX", "2s", "REBOUND_RETRYON", "503", "PATH", "/bin"));
        assertEquals(List.of(
                "rebound: unknown environment variable REBOUND_BACKOF_MAX (ignored); did you mean REBOUND_BACKOFF_MAX?",
                "rebound: unknown environment variable REBOUND_RETRYON (ignored); did you mean REBOUND_RETRY_ON?"),
                messages(c));
    }

    @Test
    void caseSlipIsSuggested() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.Log.Level", "debug"), Map.of());
        assertEquals(List.of("rebound: unknown system property rebound.Log.Level (ignored); "
                + "did you mean rebound.log.level?"), messages(c));
    }

    @Test
    void farOffNameGetsNoSuggestion() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.turbo", "on"), Map.of("REBOUND_HOME", "/opt"));
        assertEquals(List.of("rebound: unknown system property rebound.turbo (ignored)",
                "rebound: unknown environment variable REBOUND_HOME (ignored)"), messages(c));
    }

    @Test
    void longUnknownNameIsCut() {
        String name = "rebound." + "y".repeat(200);
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of(name, "1"), Map.of());
        String shown = name.substring(0, 57) + "...";
        assertEquals(List.of("rebound: unknown system property " + shown + " (ignored)"), messages(c));
        assertEquals(shown, c.problems().get(0).key());
    }

    @Test
    void unknownFileKeyWithOrWithoutPrefix(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("r.properties");
        Files.write(f, "retry_on=503\nrebound.jitter=full\nmax-attempts=4\n".getBytes(StandardCharsets.UTF_8));
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.config-file", f.toString()), Map.of());
        assertEquals(List.of(
                "rebound: unknown key rebound.jitter in config file '" + f + "' (ignored)",
                "rebound: unknown key retry_on in config file '" + f + "' (ignored); did you mean retry-on?"),
                messages(c));
        assertEquals(4, c.maxAttempts());
    }

    @Test
    void suggestionThresholdGrowsWithLength() {
        String[] keys = {"mode", "max-attempts", "circuit.failure-threshold"};
        assertEquals("mode", Suggestions.closest("mod", keys));
        assertNull(Suggestions.closest("md", keys));
        assertEquals("max-attempts", Suggestions.closest("maxattempt", keys));
        assertEquals("circuit.failure-threshold", Suggestions.closest("circuit.failure-treshhold", keys));
        assertNull(Suggestions.closest("circuit.threshold", keys));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(0, Suggestions.distance("", ""));
    }
}
