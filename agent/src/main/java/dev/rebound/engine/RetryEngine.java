package dev.rebound.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that decides about retries; client adapters only translate requests and responses.
 * One per agent, thread-safe, lock-free. An adapter's call takes the engine's steps through a
 * {@link CallStart} (per thread and reused for a synchronous client, per call for an asynchronous one):
 *
 * <pre>
 * if (!engine.enabledFor(host, port)) return send();
 * state.start(engine, client, authority, method);
 * Response r = send();                              // an exception: status -1 and its FailureKind
 * RetryCall call = state.firstAttemptEnded(status, kind);
 * if (call == null) return r;                       // not a retry candidate: the whole call, accounted for
 * for (long d; (d = call.onStatus(r.status, r.header("Retry-After"))) &gt;= 0; ) { sleep(d); r = send(); }
 * return r;
 * </pre>
 */
public final class RetryEngine {
    /** Beyond this many hosts the guard map is dropped and rebuilt, so that host churn cannot grow it. */
    static final int MAX_HOSTS = 4096;

    /**
     * The top-level policy and the rules over it, replaced whole by {@link #reconfigure}; a call reads it
     * once, when it starts, and keeps the policy it chose for all its attempts, so that no call mixes an old
     * setting with a new one.
     */
    private volatile RetryRules rules;
    /** {@code enabled}: false lets every call pass through untouched, the woven code staying in place. */
    private volatile boolean enabled = true;
    private final Clock clock;
    private final RandomSource random;
    private final CallListener listener;
    private final ConcurrentHashMap<String, HostGuard> guards = new ConcurrentHashMap<String, HostGuard>();

    public RetryEngine(RetryPolicy policy, Clock clock, RandomSource random, CallListener listener) {
        this(policy == null ? null : RetryRules.of(policy), clock, random, listener);
    }

    /** @param rules the top-level policy and the per-host / per-path rules over it */
    public RetryEngine(RetryRules rules, Clock clock, RandomSource random, CallListener listener) {
        if (rules == null || clock == null || random == null || listener == null) {
            throw new IllegalArgumentException("policy, clock, random and listener must not be null");
        }
        this.rules = rules;
        this.clock = clock;
        this.random = random;
        this.listener = listener;
    }

    /** The top-level policy in force now: calls that match no rule. */
    public RetryPolicy policy() {
        return rules.defaults();
    }

    public RetryRules rules() {
        return rules;
    }

    /**
     * The policy of a call, chosen once at its start (see {@link RetryRules#policyFor}); allocation-free.
     * The call keeps it for all its attempts.
     */
    public RetryPolicy policyFor(String host, int port, String method, String target) {
        return rules.policyFor(host, port, method, target);
    }

    /**
     * Puts {@code next} (its top-level policy and its rules) in force for every call that starts from now on;
     * calls under way finish with the policy they started with. A change of a host's guard settings reaches
     * it at its next call, which carries the host's budget balance and breaker state over (see {@link
     * HostGuard#HostGuard(GuardPolicy, Clock, HostGuard)}).
     */
    public void reconfigure(RetryRules next) {
        if (next == null) {
            throw new IllegalArgumentException("rules must not be null");
        }
        rules = next;
    }

    /** {@link #reconfigure(RetryRules)} with no rules. */
    public void reconfigure(RetryPolicy next) {
        if (next == null) {
            throw new IllegalArgumentException("policy must not be null");
        }
        reconfigure(RetryRules.of(next));
    }

    /** {@code enabled}: false makes {@link #enabledFor} false for every host, so calls pass straight through. */
    public void enable(boolean on) {
        enabled = on;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * The guard for an authority ({@code host} or {@code host:port}); allocation-free once the host is known
     * and the settings have not changed since its guard was made.
     */
    public HostGuard guard(String authority) {
        return guard(authority, null, -1);
    }

    /**
     * The guard for an authority, whose budget and breaker settings are those of the first host-only rule
     * matching {@code host} at {@code port} (the effective port; null host: read from the authority).
     */
    public HostGuard guard(String authority, String host, int port) {
        String key = authority == null ? "" : authority;
        for (;;) {
            HostGuard g = guards.get(key);
            // Read after the guard: a guard is never replaced by one on settings older than its own.
            RetryRules now = rules;
            if (g != null) {
                if (g.madeUnder == now) {
                    return g;
                }
                GuardPolicy settings = guardPolicyFor(now, key, host, port);
                if (settings.equals(g.policy())) {
                    g.madeUnder = now; // same settings: the guard stays, checked once per change
                    return g;
                }
                HostGuard next = new HostGuard(settings, clock, g);
                next.madeUnder = now;
                if (guards.replace(key, g, next)) {
                    return next;
                }
                continue; // another call replaced or dropped it first: look again
            }
            if (guards.size() > MAX_HOSTS) {
                guards.clear();
            }
            HostGuard fresh = new HostGuard(guardPolicyFor(now, key, host, port), clock);
            fresh.madeUnder = now;
            HostGuard raced = guards.putIfAbsent(key, fresh);
            if (raced == null) {
                return fresh;
            }
        }
    }

    private GuardPolicy guardPolicyFor(RetryRules rules, String authority, String host, int port) {
        if (!rules.hasRules()) {
            return rules.defaults().guardPolicy();
        }
        if (host == null) {
            // Only an authority: host and port as written in it (no port: a rule naming one does not match).
            int close = authority.startsWith("[") ? authority.indexOf(']') : -1;
            int colon = authority.indexOf(':', close + 1);
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = -1;
            if (colon >= 0) {
                try {
                    port = Integer.parseInt(authority.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
        }
        return rules.guardPolicyFor(host, port);
    }

    /** Does the agent act on calls to this host (pass the effective port)? */
    public boolean enabledFor(String host, int port) {
        return enabled && rules.defaults().hostFilter().matches(host, port);
    }

    /** Monotonic nanos from the engine's clock: pass it as {@code startNanos} to {@link #begin}. */
    public long now() {
        return clock.nanoTime();
    }

    /** The call's first attempt got a response that is not a retry candidate: it is the whole call. Allocation-free. */
    public void firstAttemptFinal(Client client, String host, String method, HostGuard guard) {
        guard.onRequest();
        guard.onAttemptResult(false, true);
        listener.callEnded(client, host, method, Outcome.OK);
    }

    /**
     * The call's first attempt was not a retry candidate: {@link #firstAttemptFinal} when the host
     * {@code answered} it, {@link #firstAttemptFailed} when it failed in transport. Allocation-free.
     */
    public void firstAttemptEnded(Client client, String host, String method, HostGuard guard, boolean answered) {
        if (answered) {
            firstAttemptFinal(client, host, method, guard);
        } else {
            firstAttemptFailed(client, host, method, guard);
        }
    }

    /**
     * The call's first attempt failed in transport and is not a retry candidate: it is the whole call,
     * and the app gets its exception. Counted as such, never as {@code ok}; not a healthy answer either.
     */
    public void firstAttemptFailed(Client client, String host, String method, HostGuard guard) {
        guard.onRequest();
        guard.onAttemptResult(false, false);
        listener.callEnded(client, host, method, Outcome.FAILED);
    }

    /**
     * The call's first attempt was a retry candidate. Report that attempt, and every later one, to the
     * returned call's {@link RetryCall#onStatus} or {@link RetryCall#onFailure}.
     *
     * @param startNanos {@link #now()} taken before the first attempt was sent: the deadline counts from it
     */
    public RetryCall begin(Client client, String host, String method, HostGuard guard,
                           boolean hasIdempotencyKey, boolean bodyReplayable, long startNanos) {
        return begin(client, host, method, guard, hasIdempotencyKey, bodyReplayable, startNanos,
                Thread.currentThread(), null, null);
    }

    /**
     * {@link #begin} for a call whose attempts are judged on other threads than the app's. {@code caller}
     * is the app's thread that made the call (null: unknown, no outer retrier is looked for); while the call
     * lasts, that thread stays in {@code callerClass.callerMethod}, and only frames below it are looked at.
     */
    public RetryCall begin(Client client, String host, String method, HostGuard guard,
                           boolean hasIdempotencyKey, boolean bodyReplayable, long startNanos,
                           Thread caller, String callerClass, String callerMethod) {
        return begin(policy(), client, host, method, guard, hasIdempotencyKey, bodyReplayable, startNanos,
                caller, callerClass, callerMethod);
    }

    /** {@link #begin} for a call under {@code policy}, the one {@link #policyFor} chose at its start. */
    public RetryCall begin(RetryPolicy policy, Client client, String host, String method, HostGuard guard,
                           boolean hasIdempotencyKey, boolean bodyReplayable, long startNanos,
                           Thread caller, String callerClass, String callerMethod) {
        if (callerClass != null && callerMethod == null) {
            throw new IllegalArgumentException("caller class " + callerClass + " needs its method");
        }
        guard.onRequest();
        return new RetryCall(this, policy, client, host, method, guard,
                policy.methodAllowsRetry(method, hasIdempotencyKey), bodyReplayable, startNanos,
                caller, callerClass, callerMethod);
    }

    /** Snapshot for exporters: authority to circuit open, sorted by authority. */
    public Map<String, Boolean> circuitStates() {
        Map<String, Boolean> out = new TreeMap<String, Boolean>();
        for (Map.Entry<String, HostGuard> e : guards.entrySet()) {
            out.put(e.getKey(), e.getValue().circuitOpen());
        }
        return out;
    }

    Clock clock() {
        return clock;
    }

    RandomSource random() {
        return random;
    }

    CallListener listener() {
        return listener;
    }
}
