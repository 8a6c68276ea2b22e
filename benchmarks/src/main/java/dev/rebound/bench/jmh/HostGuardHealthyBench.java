package dev.rebound.bench.jmh;

import dev.rebound.engine.Clock;
import dev.rebound.engine.GuardPolicy;
import dev.rebound.engine.HostGuard;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The host guard's share of a healthy call alone ({@code onRequest} and a healthy first attempt's result), one
 * guard shared by every benchmark thread: run at one thread and at every core, it shows whether healthy
 * calls to one host contend on its budget or breaker (they only read them while the bucket is full).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HostGuardHealthyBench {
    private HostGuard guard;

    @Setup
    public void setUp() {
        guard = new HostGuard(GuardPolicy.DEFAULTS, Clock.SYSTEM);
    }

    @Benchmark
    public boolean healthyFirstAttempt() {
        guard.onRequest();
        guard.onAttemptResult(false, true);
        return guard.circuitOpen();
    }
}
