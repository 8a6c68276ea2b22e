package dev.rebound.bench.resilience;

/** A retry policy under test: what app code wraps each call in, and whether the agent is attached. */
public enum Policy {
    NONE("no retry", "one attempt per call"),
    NAIVE("naive loop", "hand-written: 5 attempts, waits 1-2-4-8 s, no jitter, every method"),
    RESILIENCE4J("resilience4j", "Retry.ofDefaults(): 3 attempts, 500 ms fixed wait, every exception"),
    CHARGED_BUDGET("charged budget", "rebound's budget before issue 13 (every retry pays a token: 0.5 per request, "
            + "10/s, burst 100; breaker after 5 failed retries, 1 probe/s) in rebound's retry loop written in the app"),
    ENVOY("envoy 20%", "Envoy's retry_budget defaults (retries outstanding < max(3, 20% of requests outstanding)) "
            + "in rebound's retry loop written in the app"),
    GRPC("grpc throttling", "gRPC retry throttling (maxTokens 10, tokenRatio 0.1, retry while tokens > 5) "
            + "in rebound's retry loop written in the app"),
    REBOUND("rebound", "no retry code; -javaagent:rebound-agent.jar with its default configuration");

    private final String label;
    private final String description;

    Policy(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public boolean usesAgent() {
        return this == REBOUND;
    }

    AppRetry appRetry(double naiveWaitScale) {
        switch (this) {
            case NAIVE:
                return AppRetry.naive(naiveWaitScale);
            case RESILIENCE4J:
                return AppRetry.resilience4j();
            case CHARGED_BUDGET:
                return new GuardedRetry(RetryGuard.chargedBudget());
            case ENVOY:
                return new GuardedRetry(RetryGuard.envoy());
            case GRPC:
                return new GuardedRetry(RetryGuard.grpc());
            default:
                return AppRetry.NONE;
        }
    }

    public static Policy byLabel(String label) {
        for (Policy p : values()) {
            if (p.label.equals(label) || p.name().equalsIgnoreCase(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown policy '" + label + "'");
    }
}
