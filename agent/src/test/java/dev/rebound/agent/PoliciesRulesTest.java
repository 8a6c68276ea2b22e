package dev.rebound.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.config.ConfigLoader;
import dev.rebound.config.TestKeys;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.engine.RetryRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's rules are the configuration's: each rule's policy is the top level with its overrides. */
class PoliciesRulesTest {
    private static RetryRules rules(Map<String, String> props) {
        List<String> refused = new ArrayList<>();
        RetryRules rules = Policies.from(ConfigLoader.load(TestKeys.KEYS, props, Map.of()), refused);
        assertEquals(List.of(), refused);
        return rules;
    }

    private static RetryPolicy of(RetryRules r, String host, String method, String path) {
        return r.policyFor(host, 443, method, path);
    }

    @Test
    void eachRulesPolicyIsTheTopLevelWithItsOverrides() {
        RetryRules r = rules(Map.of(
                "rebound.max-attempts", "4", "rebound.retry-on", "502,503",
                "rebound.rules.1.host", "payments.internal", "rebound.rules.1.max-attempts", "2",
                "rebound.rules.2.host", "*.cdn.example.com", "rebound.rules.2.enabled", "false",
                "rebound.rules.3.path", "/batch/", "rebound.rules.3.method", "GET",
                "rebound.rules.3.retry-after.max", "30s", "rebound.rules.3.mode", "observe"));
        assertEquals(3, r.rules().size());
        RetryPolicy payments = of(r, "payments.internal", "GET", "/x");
        assertEquals(2, payments.maxAttempts());
        assertTrue(payments.isRetryable(503) && !payments.isRetryable(504), "retry-on from the top level");
        assertEquals(1, of(r, "img.cdn.example.com", "GET", "/").maxAttempts(), "enabled=false: one attempt");
        assertFalse(of(r, "img.cdn.example.com", "GET", "/").resendsResets());
        RetryPolicy batch = of(r, "api.test", "GET", "/batch/1");
        assertEquals(30_000_000_000L, batch.retryAfterMaxNanos());
        assertTrue(batch.observeOnly());
        assertEquals(4, batch.maxAttempts());
        assertSame(r.defaults(), of(r, "api.test", "POST", "/batch/1"));
        assertEquals(4, r.defaults().maxAttempts());
    }

    @Test
    void aHostOnlyRuleCarriesItsHostsGuardSettings() {
        RetryRules r = rules(Map.of("rebound.rules.1.host", "a.test", "rebound.rules.1.budget.burst", "5"));
        assertEquals(5, r.guardPolicyFor("a.test", 80).budgetBurst());
        assertEquals(100, r.guardPolicyFor("b.test", 80).budgetBurst());
    }
}
