package dev.rebound.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The engine's whole policy: the top-level {@link RetryPolicy} and the ordered {@link RetryRule}s that
 * override it for some calls. A call takes the policy of the first rule it matches, else the top-level one,
 * once when it starts, and keeps it for all its attempts. Immutable; choosing allocates nothing.
 */
public final class RetryRules {
    private final RetryPolicy defaults;
    private final RetryRule[] rules;

    private RetryRules(RetryPolicy defaults, RetryRule[] rules) {
        this.defaults = defaults;
        this.rules = rules;
    }

    /** No rules: every call gets {@code defaults}. */
    public static RetryRules of(RetryPolicy defaults) {
        return of(defaults, Collections.<RetryRule>emptyList());
    }

    /** @param rules in matching order: the first that matches a call wins */
    public static RetryRules of(RetryPolicy defaults, List<RetryRule> rules) {
        if (defaults == null || rules == null) {
            throw new IllegalArgumentException("defaults and rules must not be null");
        }
        for (RetryRule r : rules) {
            if (r == null) {
                throw new IllegalArgumentException("a rule must not be null");
            }
        }
        return new RetryRules(defaults, rules.toArray(new RetryRule[0]));
    }

    /** The top-level policy: calls no rule matches, and which hosts are handled at all. */
    public RetryPolicy defaults() {
        return defaults;
    }

    /** True when there is at least one rule. */
    public boolean hasRules() {
        return rules.length > 0;
    }

    public List<RetryRule> rules() {
        return Collections.unmodifiableList(new ArrayList<RetryRule>(Arrays.asList(rules)));
    }

    /**
     * The policy of a call: the first matching rule's, else the top-level one.
     *
     * @param host      the host name as the client has it (a bare IPv6 literal is bracketed here)
     * @param port      the effective port, -1 when unknown (a rule naming a port then does not match)
     * @param method    the request method
     * @param target    the request's path, or a URI holding it (absolute or path and query); null if unknown.
     *                  Its path is found only when there are rules to compare it with.
     */
    public RetryPolicy policyFor(String host, int port, String method, String target) {
        RetryRule[] rs = rules;
        if (rs.length == 0) {
            return defaults;
        }
        int pathStart = RequestPath.start(target);
        String h = bracketed(host);
        int methodBit = Methods.bit(method);
        for (RetryRule r : rs) {
            if (r.matches(h, port, method, methodBit, target, pathStart)) {
                return r.policy();
            }
        }
        return defaults;
    }

    /**
     * The policy the clients are woven for: the top-level one, unless only some rule retries resets; then
     * that rule's, so that the switch for the clients' own hidden re-send is woven wherever a call may need it
     * (each call still decides for itself, under its own policy).
     */
    public RetryPolicy wovenFor() {
        if (defaults.isRetryable(FailureKind.RESET)) {
            return defaults;
        }
        for (RetryRule r : rules) {
            if (r.policy().isRetryable(FailureKind.RESET)) {
                return r.policy();
            }
        }
        return defaults;
    }

    /**
     * The budget and breaker settings of a host: those of the first rule that matches it by host alone
     * (no path, no method), else the top-level ones. Per host, as the guard is.
     */
    public GuardPolicy guardPolicyFor(String host, int port) {
        String h = bracketed(host);
        for (RetryRule r : rules) {
            if (r.hostOnly() && r.matchesHost(h, port)) {
                return r.policy().guardPolicy();
            }
        }
        return defaults.guardPolicy();
    }

    private static String bracketed(String host) {
        if (host == null) {
            return "";
        }
        // A bare IPv6 literal, as some clients report it; globs bracket it (rare: this allocates).
        return host.indexOf(':') >= 0 && !host.isEmpty() && host.charAt(0) != '[' ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return "RetryRules{" + defaults + ", rules=" + Arrays.toString(rules) + '}';
    }
}
