package dev.rebound.bench.resilience;

import java.util.List;

/** Everything one (scenario, client, policy) run produced: the app's view and the upstream's. */
record RunData(Scenario scenario, String client, Policy policy, List<CallRecord> calls,
               List<Upstream.Arrival> arrivals) {

    int callCount() {
        return calls.size();
    }

    long okCount() {
        return calls.stream().filter(CallRecord::ok).count();
    }

    double successRate() {
        return calls.isEmpty() ? Double.NaN : okCount() / (double) calls.size();
    }

    double attemptsPerCall() {
        return calls.isEmpty() ? Double.NaN : arrivals.size() / (double) calls.size();
    }

    double[] latenciesMillis() {
        return calls.stream().mapToDouble(c -> c.latencyNanos() / 1e6).toArray();
    }
}
