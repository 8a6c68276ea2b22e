package dev.rebound.agent;

import dev.rebound.config.ReboundConfig;
import dev.rebound.config.RuleConfig;
import dev.rebound.engine.Backoff;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.GuardPolicy;
import dev.rebound.engine.OuterRetriers;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.engine.RetryRule;
import dev.rebound.engine.RetryRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the engine's policy from the configuration: the top-level policy and one per rule, each rule's
 * built from the top-level keys with the rule's overrides. The builders check each value again; a value
 * the configuration let through but the engine refuses is reported under its key (a rule's as
 * {@code rules.<n>.<key>}) and the default is kept, like every other bad value.
 */
final class Policies {
    private Policies() {
    }

    /** @param problems receives one line per refused value */
    static RetryRules from(ReboundConfig c, List<String> problems) {
        RetryPolicy defaults = policy(c, "", true, problems);
        List<RetryRule> rules = new ArrayList<RetryRule>(c.rules().size());
        for (RuleConfig r : c.rules()) {
            RetryPolicy policy = policy(c.forRule(r), r.name() + ".", r.enabled(), problems);
            try {
                rules.add(new RetryRule(r.name(), r.host(), r.path(),
                        r.methods().isEmpty() ? null : r.methods().toArray(new String[0]), policy));
            } catch (IllegalArgumentException e) {
                problems.add("rebound: bad rule " + r.name() + ": " + e.getMessage() + "; rule dropped");
            }
        }
        return RetryRules.of(defaults, rules);
    }

    /**
     * @param prefix    before each key in a message: "" or {@code rules.<n>.}
     * @param retrying  false for a rule with {@code enabled=false}: one attempt, never a retry
     */
    private static RetryPolicy policy(ReboundConfig c, String prefix, boolean retrying, List<String> problems) {
        // Plain try blocks, no lambdas: this runs in premain, where the first lambda costs milliseconds.
        RetryPolicy.Builder b = RetryPolicy.builder();
        b.observeOnly(c.mode().name().equals("OBSERVE"));
        try {
            b.maxAttempts(retrying ? c.maxAttempts() : 1);
        } catch (IllegalArgumentException e) {
            problems.add(refused(prefix + "max-attempts", e));
        }
        try {
            b.retryOnStatuses(toInts(c.retryOnStatuses()));
            b.retryOnFailures(c.retryOnKinds().toArray(new FailureKind[0]));
        } catch (IllegalArgumentException e) {
            problems.add(refused(prefix + "retry-on", e));
        }
        try {
            b.methodsWithoutKey(c.methods().toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            problems.add(refused(prefix + "methods", e));
        }
        try {
            b.idempotencyHeader(c.idempotencyHeader());
        } catch (IllegalArgumentException e) {
            problems.add(refused(prefix + "idempotency-header", e));
        }
        try {
            b.backoff(new Backoff(c.backoffInitialNanos(), c.backoffMaxNanos(), c.backoffMultiplier(),
                    c.backoffJitter()));
        } catch (IllegalArgumentException e) {
            problems.add(refused(prefix + "backoff.initial/backoff.max/backoff.multiplier", e));
        }
        try {
            b.retryAfterMaxNanos(c.retryAfterMaxNanos());
        } catch (IllegalArgumentException e) {
            problems.add(refused(prefix + "retry-after.max", e));
        }
        try {
            b.maxElapsedNanos(c.maxElapsedNanos());
        } catch (IllegalArgumentException e) {
            problems.add(refused(prefix + "max-elapsed", e));
        }
        b.hostFilter(c.hostFilter());
        try {
            b.outerRetriers(OuterRetriers.of(c.outerRetriers()));
        } catch (IllegalArgumentException e) {
            problems.add(refused(prefix + "outer-retriers", e));
        }
        try {
            b.guardPolicy(GuardPolicy.builder()
                    .budgetRatio(c.budgetRatio())
                    .budgetMinPerSecond(c.budgetMinPerSecond())
                    .budgetBurst(c.budgetBurst())
                    .circuitFailureThreshold(c.circuitFailureThreshold())
                    .circuitProbeIntervalNanos(c.circuitProbeIntervalNanos())
                    .build());
        } catch (IllegalArgumentException e) {
            problems.add(refused(prefix + "budget.*/circuit.*", e));
        }
        return b.build();
    }

    private static String refused(String key, IllegalArgumentException e) {
        return "rebound: bad value for " + key + ": " + e.getMessage() + "; using the default";
    }

    private static int[] toInts(Set<Integer> values) {
        List<Integer> list = new ArrayList<Integer>(values);
        int[] result = new int[list.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = list.get(i);
        }
        return result;
    }
}
