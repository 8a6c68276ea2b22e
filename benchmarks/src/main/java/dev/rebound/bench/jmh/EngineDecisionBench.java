package dev.rebound.bench.jmh;

import dev.rebound.engine.Client;
import dev.rebound.engine.Clock;
import dev.rebound.engine.HostGuard;
import dev.rebound.engine.RandomSource;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.metrics.MetricsRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The engine's whole decision for a call whose first attempt succeeds, as an adapter makes it: host
 * filter, the host's guard, {@code firstAttemptFinal} with the real metrics registry counting it.
 * Target: <= 50 ns and 0 B/op ({@code -prof gc}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineDecisionBench {
    private static final Client CLIENT = Client.named("http-url-connection");

    // Fields, not constants, so that the JIT cannot fold the lookups away.
    private String host = "127.0.0.1";
    private int port = 8080;
    private String authority = "127.0.0.1:8080";
    private String method = "GET";
    private RetryEngine engine;

    @Setup
    public void setUp() {
        engine = new RetryEngine(RetryPolicy.DEFAULTS, Clock.SYSTEM, RandomSource.THREAD_LOCAL,
                new MetricsRegistry(MetricsRegistry.DEFAULT_MAX_HOSTS));
        // The first call for a host creates its guard and metrics; the benchmark measures the calls after it.
        engine.firstAttemptFinal(CLIENT, authority, method, engine.guard(authority));
    }

    @Benchmark
    public boolean healthyCall() {
        if (!engine.enabledFor(host, port)) {
            return false;
        }
        HostGuard guard = engine.guard(authority);
        engine.firstAttemptFinal(CLIENT, authority, method, guard);
        return true;
    }
}
