package dev.rebound.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -javaagent:rebound-agent.jar=<arguments>}: the grammar, and where the arguments rank. */
class AgentArgumentsTest {

    private static Map<String, String> parse(String args, List<String> problems) {
        List<ConfigProblem> found = new ArrayList<>();
        Map<String, String> out = new LinkedHashMap<>(AgentArguments.parse(args, TestKeys.KEYS, found));
        found.forEach(p -> problems.add(p.message()));
        return out;
    }

    private static Map<String, String> parse(String args) {
        List<String> problems = new ArrayList<>();
        Map<String, String> out = parse(args, problems);
        assertEquals(List.of(), problems);
        return out;
    }

    private static List<String> messages(ReboundConfig c) {
        return c.problems().stream().map(ConfigProblem::message).toList();
    }

    @Test
    void pairsSeparatedByCommasOrSemicolons() {
        assertEquals(Map.of("max-attempts", "5", "mode", "observe", "log.level", "debug"),
                parse("max-attempts=5,mode=observe;log.level=debug"));
    }

    @Test
    void aCommaNotFollowedByAKeyBelongsToTheValue() {
        assertEquals(Map.of("retry-on", "502,503,reset", "max-attempts", "4"),
                parse("retry-on=502,503,reset,max-attempts=4"));
        assertEquals(Map.of("methods", "GET,HEAD", "retry-on", "503"), parse("methods=GET,HEAD;retry-on=503"));
        assertEquals(Map.of("hosts.include", "*.example,api:8080"), parse("hosts.include=*.example,api:8080"));
    }

    @Test
    void blanksAroundKeysAndValuesAndEmptyEntriesAreIgnored() {
        assertEquals(Map.of("max-attempts", "5", "mode", "observe"), parse(" max-attempts = 5 ;; , mode=observe ;"));
        assertEquals(Map.of(), parse(""));
        assertEquals(Map.of(), parse(null));
    }

    @Test
    void emptyValueIsKeptForKeysWhereEmptyMeansOff() {
        assertEquals(Map.of("idempotency-header", "", "mode", "observe"), parse("idempotency-header=;mode=observe"));
    }

    @Test
    void prefixedKeysAreAccepted() {
        assertEquals(Map.of("max-attempts", "5"), parse("rebound.max-attempts=5"));
    }

    @Test
    void equalsSignInAValueIsKept() {
        assertEquals(Map.of("config-file", "/etc/a=b.properties"), parse("config-file=/etc/a=b.properties"));
    }

    @Test
    void unknownKeyIsNamedWithASuggestion() {
        List<String> problems = new ArrayList<>();
        assertEquals(Map.of("mode", "observe"), parse("max-atempts=5,mode=observe", problems));
        assertEquals(List.of("rebound: unknown key max-atempts in agent arguments (ignored); did you mean max-attempts?"),
                problems);
    }

    @Test
    void entryWithoutEqualsIsNamed() {
        List<String> problems = new ArrayList<>();
        assertEquals(Map.of("mode", "observe"), parse("verbose;mode=observe", problems));
        assertEquals(List.of("rebound: agent argument 'verbose' is not key=value (ignored)"), problems);
    }

    @Test
    void leadingCommaPieceWithoutKeyIsNamed() {
        List<String> problems = new ArrayList<>();
        assertEquals(Map.of(), parse("502,503", problems));
        assertEquals(List.of("rebound: agent argument '502,503' is not key=value (ignored)"), problems);
    }

    @Test
    void repeatedKeyLastOneWins() {
        assertEquals(Map.of("max-attempts", "6"), parse("max-attempts=5;max-attempts=6"));
    }

    @Test
    void manyBadEntriesAreCapped() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append("zz").append(10 + i).append("=1;");
        }
        List<String> problems = new ArrayList<>();
        parse(sb.toString(), problems);
        assertEquals(UnknownKeyLines.MAX_LINES + 1, problems.size(), String.join("\n", problems));
        assertEquals("rebound: " + (40 - UnknownKeyLines.MAX_LINES) + " more unknown keys in agent arguments (ignored)",
                problems.get(problems.size() - 1));
    }

    @Test
    void agentArgumentsRankBelowEverySourceAndAboveTheDefault(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("r.properties");
        Files.write(f, "backoff.max=3s\n".getBytes(StandardCharsets.UTF_8));
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, 
                Map.of("rebound.config-file", f.toString(), "rebound.max-attempts", "6"),
                Map.of("REBOUND_MODE", "observe"),
                "max-attempts=2,mode=retry,backoff.max=4s,budget.burst=7");
        assertEquals(List.of(), messages(c));
        assertEquals(6, c.maxAttempts());
        assertEquals(Mode.OBSERVE, c.mode());
        assertEquals(3_000_000_000L, c.backoffMaxNanos());
        assertEquals(7, c.budgetBurst());
        assertEquals(ConfigSource.AGENT_ARGUMENTS, c.source(ConfigKey.BUDGET_BURST));
        assertEquals(ConfigSource.DEFAULT, c.source(ConfigKey.BACKOFF_INITIAL));
        String line = c.renderEffective().lines().filter(l -> l.startsWith("budget.burst ")).findFirst().orElseThrow();
        assertEquals("= 7  (agent arguments)", line.substring(line.indexOf('=')), line);
    }

    @Test
    void configFileNamedByTheAgentArgumentsIsRead(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("r.properties");
        Files.write(f, "max-attempts=4\n".getBytes(StandardCharsets.UTF_8));
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of(), Map.of(), "config-file=" + f + ";mode=observe");
        assertEquals(List.of(), messages(c));
        assertEquals(4, c.maxAttempts());
        assertEquals(Mode.OBSERVE, c.mode());
        assertEquals(f.toString(), c.configFile());
    }

    @Test
    void badValueInTheAgentArgumentsIsReportedAndFallsBack() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of(), Map.of(), "max-attempts=banana");
        assertEquals(List.of("rebound: bad value for max-attempts: 'banana' (not a whole number); using 3"), messages(c));
        assertEquals(3, c.maxAttempts());
        assertEquals(ConfigSource.DEFAULT, c.source(ConfigKey.MAX_ATTEMPTS));
    }
}
