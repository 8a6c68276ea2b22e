package dev.rebound.engine;

/**
 * Per-host outage protection: a retry budget ({@link RetryBudget}) and an adaptive breaker
 * ({@link RetryBreaker}). Never rejects a first attempt: only retries are limited, so the app sees
 * exactly the traffic pattern it would have without the agent, plus at most the retries it can afford.
 * Only retries that fail are paid for: a retry is granted while the budget holds a token and charged
 * only when it fails, so a host that fails first attempts but answers retries is always retried, however
 * many such calls wait at once, while one whose retries keep failing runs the budget out and opens the
 * breaker.
 * Thread-safe, lock-free, allocation-free; a call whose first attempt succeeds writes no shared state
 * once the budget is full.
 */
public final class HostGuard {

    private final GuardPolicy policy;
    private final Clock clock;
    private final RetryBudget budget;
    private final RetryBreaker breaker;
    /** The engine's rules this guard was last checked against: the engine looks again after a change. */
    volatile RetryRules madeUnder;

    public HostGuard(GuardPolicy policy, Clock clock) {
        if (policy == null || clock == null) {
            throw new NullPointerException(policy == null ? "policy" : "clock");
        }
        this.policy = policy;
        this.clock = clock;
        long now = clock.nanoTime();
        this.budget = new RetryBudget(policy.budgetRatio(), policy.budgetMinPerSecond(), policy.budgetBurst(), now);
        this.breaker = new RetryBreaker(policy.circuitFailureThreshold(), policy.circuitProbeIntervalNanos(), now);
    }

    /**
     * The same host under new settings: the budget keeps its balance (debt included, capped at the new
     * burst) and the breaker its state (see {@link RetryBreaker#carryOver}), so that changing the settings
     * during an outage neither refills the budget nor closes the breaker. Results of calls still holding
     * {@code previous} land there and are lost to this guard: a few, once per change.
     */
    HostGuard(GuardPolicy policy, Clock clock, HostGuard previous) {
        this(policy, clock);
        long now = clock.nanoTime();
        budget.carryOver(previous.budget.milliTokens(now));
        breaker.carryOver(previous.breaker, now);
    }

    /** The settings this guard was made with. */
    GuardPolicy policy() {
        return policy;
    }

    /** Once per logical call, at its first attempt. Feeds the budget; never rejects. */
    public void onRequest() {
        budget.onRequest();
    }

    /** Asks to send one retry: null when allowed (paid for only if it fails), else BUDGET or CIRCUIT. */
    public SkipCause acquireRetry() {
        long now = clock.nanoTime();
        // Circuit first: while the host is down its retries are refused without spending the budget, so
        // the budget is intact for the transient failures that follow recovery.
        if (breaker.isOpen()) {
            if (!breaker.tryProbe(now)) {
                return SkipCause.CIRCUIT;
            }
            if (!budget.allows(now)) {
                breaker.releaseProbe(now);
                return SkipCause.BUDGET;
            }
            return null;
        }
        return budget.allows(now) ? null : SkipCause.BUDGET;
    }

    /** As {@link #acquireRetry()} but consumes nothing: for observe mode. */
    public SkipCause peekRetry() {
        long now = clock.nanoTime();
        if (breaker.isOpen() && !breaker.probeDue(now)) {
            return SkipCause.CIRCUIT;
        }
        return budget.hasToken(now) ? null : SkipCause.BUDGET;
    }

    /**
     * The result of any attempt to this host. {@code healthy}: the host gave a response that is not a
     * retry candidate. {@code wasRetry}: the attempt was a retry (or probe) rather than the app's first.
     */
    public void onAttemptResult(boolean wasRetry, boolean healthy) {
        if (healthy) {
            breaker.onHealthy();
        } else if (wasRetry) {
            budget.charge();
            breaker.onRetryFailed(clock.nanoTime());
        }
        // An unhealthy first attempt is left out on purpose: see RetryBreaker.
    }

    public boolean circuitOpen() {
        return breaker.isOpen();
    }

    /** Retry tokens available now (for a gauge); reads only. */
    public double retryTokens() {
        return budget.milliTokens(clock.nanoTime()) / (double) RetryBudget.MILLIS_PER_TOKEN;
    }
}
