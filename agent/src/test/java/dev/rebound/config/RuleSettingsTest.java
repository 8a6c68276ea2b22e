package dev.rebound.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSettingsTest {
    @TempDir
    Path dir;

    private ReboundConfig load(String fileContent, Map<String, String> sys, Map<String, String> env, String args)
            throws IOException {
        Map<String, String> props = new java.util.HashMap<>(sys);
        if (fileContent != null) {
            Path f = dir.resolve("rebound.properties");
            Files.write(f, fileContent.getBytes(StandardCharsets.UTF_8));
            props.put("rebound.config-file", f.toString());
        }
        return ConfigLoader.load(TestKeys.KEYS, props, env, args);
    }

    private static List<String> messages(ReboundConfig c) {
        List<String> out = new ArrayList<>();
        for (ConfigProblem p : c.problems()) {
            out.add(p.message());
        }
        return out;
    }

    @Test
    void rulesComeFromEverySourceOrderedByNumberEachKeyWithTheUsualPrecedence() throws IOException {
        ReboundConfig c = load("rules.10.host=*.cdn.example.com\nrules.10.enabled=false\n"
                        + "rules.2.path=/batch/\nrules.2.retry-after.max=30s\nrules.2.max-attempts=4\n",
                Map.of("rebound.rules.2.max-attempts", "5"),
                Map.of("REBOUND_RULES_1_HOST", "Payments.Internal", "REBOUND_RULES_1_MAX_ATTEMPTS", "2",
                        "REBOUND_RULES_2_METHOD", "get, put"),
                "rules.3.host=a.test;rules.2.max-attempts=9");
        assertEquals(List.of(), messages(c));
        List<RuleConfig> rules = c.rules();
        assertEquals(List.of("rules.1", "rules.2", "rules.3", "rules.10"),
                rules.stream().map(RuleConfig::name).toList());
        RuleConfig payments = rules.get(0);
        assertEquals("payments.internal", payments.host());
        assertEquals(2, c.forRule(payments).maxAttempts());
        assertEquals(5_000_000_000L, c.forRule(payments).retryAfterMaxNanos(), "a key the rule does not set");
        RuleConfig batch = rules.get(1);
        assertEquals("/batch/", batch.path());
        assertEquals(List.of("GET", "PUT"), batch.methods());
        assertEquals(5, c.forRule(batch).maxAttempts(), "system property over file over agent arguments");
        assertEquals(30_000_000_000L, c.forRule(batch).retryAfterMaxNanos());
        assertFalse(rules.get(3).enabled());
        assertEquals(3, c.maxAttempts(), "the top level is untouched");
    }

    @Test
    void theEffectiveListingShowsEachRuleKeyWithItsOrigin() throws IOException {
        ReboundConfig c = load(null, Map.of("rebound.rules.1.host", "payments.internal",
                "rebound.rules.1.max-attempts", "2"), Map.of("REBOUND_RULES_1_PATH", "/pay/"), null);
        String listing = c.renderEffective();
        assertTrue(listing.matches("(?s).*\nrules\\.1\\.host +\\Q= payments.internal  (system property rebound.rules.1.host)\\E\n"
                + "rules\\.1\\.path +\\Q= /pay/  (env REBOUND_RULES_1_PATH)\\E\n"
                + "rules\\.1\\.max-attempts +\\Q= 2  (system property rebound.rules.1.max-attempts)\\E\n"), listing);
    }

    @Test
    void unknownRuleKeysGetADidYouMeanInEverySource() throws IOException {
        ReboundConfig c = load("rules.1.max-attemps=2\nrules.x.host=a\n", Map.of("rebound.rules.2.patth", "/a"),
                Map.of("REBOUND_RULES_3_RETRY_AFTR_MAX", "1s"), "rules.4.hostt=a.test");
        List<String> m = messages(c);
        assertTrue(m.stream().anyMatch(s -> s.contains("rules.1.max-attemps") && s.endsWith("did you mean rules.1.max-attempts?")), m.toString());
        assertTrue(m.stream().anyMatch(s -> s.contains("rules.x.host") && s.contains("rules.<n>.<key>")), m.toString());
        assertTrue(m.stream().anyMatch(s -> s.endsWith("did you mean rebound.rules.2.path?")), m.toString());
        assertTrue(m.stream().anyMatch(s -> s.endsWith("did you mean REBOUND_RULES_3_RETRY_AFTER_MAX?")), m.toString());
        assertTrue(m.stream().anyMatch(s -> s.endsWith("did you mean rules.4.host?")), m.toString());
        assertEquals(5, m.size(), "each once, not also as an unknown top-level key: " + m);
        assertEquals(List.of(), c.rules(), "only unknown keys: no rule");
    }

    @Test
    void aKeyThatIsNotPerRuleIsNamedAsSuch() throws IOException {
        ReboundConfig c = load("rules.1.host=a.test\nrules.1.log.level=debug\nrules.1.hosts.exclude=b\n", Map.of(), Map.of(), null);
        List<String> m = messages(c);
        assertEquals(2, m.size(), m.toString());
        assertTrue(m.get(0).contains("hosts.exclude is not set per rule"), m.toString());
        assertTrue(m.get(1).contains("log.level is not set per rule"), m.toString());
        assertEquals(1, c.rules().size());
    }

    @Test
    void aBadOverrideFallsBackToTheTopLevelValueAndTheRuleStays() throws IOException {
        ReboundConfig c = load("max-attempts=4\nrules.3.host=a.test\nrules.3.max-attempts=banana\n"
                + "rules.3.backoff.max=2s\nrules.3.retry-on=502,999\nrules.3.enabled=maybe\n", Map.of(), Map.of(), null);
        List<String> m = messages(c);
        assertTrue(m.contains("rebound: bad value for rules.3.max-attempts: 'banana' (not a whole number);"
                + " using the top-level value 4"), m.toString());
        assertTrue(m.stream().anyMatch(s -> s.startsWith("rebound: bad value for rules.3.retry-on") && s.endsWith("using 502")), m.toString());
        assertTrue(m.stream().anyMatch(s -> s.startsWith("rebound: bad value for rules.3.enabled")), m.toString());
        RuleConfig rule = c.rules().get(0);
        ReboundConfig applied = c.forRule(rule);
        assertEquals(4, applied.maxAttempts());
        assertEquals(2_000_000_000L, applied.backoffMaxNanos(), "the rule's other keys stay");
        assertEquals(java.util.Set.of(502), applied.retryOnStatuses());
        assertTrue(rule.enabled());
        assertFalse(c.renderEffective().contains("rules.3.max-attempts"), "a refused override is not listed");
    }

    @Test
    void aBadMatchKeyDropsTheWholeRule() throws IOException {
        ReboundConfig c = load("rules.1.host=bad host\nrules.1.max-attempts=1\n"
                + "rules.2.path=batch\nrules.3.path=/x?y=1\nrules.4.method=GET,G T\nrules.5.host=ok.test\n",
                Map.of(), Map.of(), null);
        List<String> m = messages(c);
        assertEquals(4, m.size(), m.toString());
        assertTrue(m.get(0).equals("rebound: bad value for rules.1.host: 'bad host' (not a host or host:port glob);"
                + " rule rules.1 is dropped"), m.toString());
        assertTrue(m.get(1).startsWith("rebound: bad value for rules.2.path: 'batch'"), m.toString());
        assertTrue(m.get(2).startsWith("rebound: bad value for rules.3.path"), m.toString());
        assertTrue(m.get(3).startsWith("rebound: bad value for rules.4.method: 'G T'"), m.toString());
        assertEquals(List.of("rules.5"), c.rules().stream().map(RuleConfig::name).toList());
    }

    @Test
    void budgetAndCircuitKeysOnlyInARuleWithoutPathOrMethod() throws IOException {
        ReboundConfig c = load("rules.1.host=a.test\nrules.1.budget.burst=5\nrules.1.circuit.failure-threshold=2\n"
                + "rules.2.host=b.test\nrules.2.path=/x\nrules.2.budget.burst=7\n", Map.of(), Map.of(), null);
        List<String> m = messages(c);
        assertEquals(List.of("rebound: rules.2.budget.burst (ignored): budget and circuit keys are per host, allowed"
                + " only in a rule without path and method"), m);
        assertEquals(5, c.forRule(c.rules().get(0)).budgetBurst());
        assertEquals(2, c.forRule(c.rules().get(0)).circuitFailureThreshold());
        assertEquals(100, c.forRule(c.rules().get(1)).budgetBurst());
    }

    @Test
    void aCatchAllRuleBeforeOthersIsWarnedAbout() throws IOException {
        ReboundConfig c = load("rules.1.max-attempts=2\nrules.2.host=a.test\n", Map.of(), Map.of(), null);
        assertEquals(List.of("rebound: rules.1 has no host, path or method: it matches every call, so the rules"
                + " after it never apply"), messages(c));
        ReboundConfig last = load("rules.1.host=a.test\nrules.2.max-attempts=2\n", Map.of(), Map.of(), null);
        assertEquals(List.of(), messages(last), "as the last rule it is a plain default");
    }

    @Test
    void aRulesInitialBackoffAboveItsMaxIsClamped() throws IOException {
        ReboundConfig c = load("rules.1.host=a.test\nrules.1.backoff.initial=5s\n", Map.of(), Map.of(), null);
        assertEquals(List.of("rebound: value out of range for rules.1.backoff.initial: '5s' (above backoff.max 1s);"
                + " using 1s"), messages(c));
        assertEquals(1_000_000_000L, c.forRule(c.rules().get(0)).backoffInitialNanos());
    }
}
