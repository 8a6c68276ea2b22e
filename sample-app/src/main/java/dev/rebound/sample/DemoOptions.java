package dev.rebound.sample;

import java.util.Set;

/** The options of {@code --demo}. */
final class DemoOptions {
    private static final Set<String> ALLOWED = Set.of(ParsedArgs.DEMO, "--calls", "--fail-rate", "--seed");
    private static final int MAX_CALLS = 100_000;

    private final int calls;
    private final double failRate;
    private final long seed;

    DemoOptions(int calls, double failRate, long seed) {
        this.calls = calls;
        this.failRate = failRate;
        this.seed = seed;
    }

    static DemoOptions from(ParsedArgs args) throws UsageException {
        args.allowOnly(ALLOWED, "with --demo");
        if (!args.positionals().isEmpty()) {
            throw new UsageException("--demo takes no URL");
        }
        return new DemoOptions(args.intValue("--calls", 200, 1, MAX_CALLS),
                args.fraction("--fail-rate", 0.3), args.longValue("--seed", 42));
    }

    int calls() {
        return calls;
    }

    double failRate() {
        return failRate;
    }

    long seed() {
        return seed;
    }
}
