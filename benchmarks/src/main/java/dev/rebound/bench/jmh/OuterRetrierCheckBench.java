package dev.rebound.bench.jmh;

import dev.rebound.engine.Client;
import dev.rebound.engine.Clock;
import dev.rebound.engine.GuardPolicy;
import dev.rebound.engine.OuterRetriers;
import dev.rebound.engine.RandomSource;
import dev.rebound.engine.RetryCall;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.metrics.MetricsRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Collections;
import java.util.concurrent.TimeUnit;

/**
 * What the outer-retrier rule costs. {@code retryCandidate}: a call whose first attempt got a 502, from
 * {@code begin} to the engine's answer (the stack walk included when {@code retriers=default}; none with
 * {@code retriers=none}), {@code depth} frames below the call, as in an app. {@code healthyCall}: a call
 * whose first attempt succeeded, with the rule on or off: nothing of the rule runs there, so the two must
 * agree. {@code stackWalkerNoMatch}: the same search done with Java 9's {@code StackWalker}, the
 * alternative that cannot look at another thread's stack (JDK client {@code send}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OuterRetrierCheckBench {
    private static final Client CLIENT = Client.named("http-url-connection");

    @Param({"none", "default"})
    public String retriers;

    @Param({"30", "150"})
    public int depth;

    private String authority = "127.0.0.1:8080";
    private String method = "GET";
    private RetryEngine engine;

    @Setup
    public void setUp() {
        OuterRetriers outer = retriers.equals("none") ? OuterRetriers.NONE : OuterRetriers.DEFAULTS;
        // A budget that never runs out, so that every candidate takes the same path to a retry.
        RetryPolicy policy = RetryPolicy.builder().outerRetriers(outer)
                .guardPolicy(GuardPolicy.builder().budgetRatio(10).build()).build();
        engine = new RetryEngine(policy, Clock.SYSTEM, RandomSource.THREAD_LOCAL,
                new MetricsRegistry(MetricsRegistry.DEFAULT_MAX_HOSTS));
        engine.firstAttemptFinal(CLIENT, authority, method, engine.guard(authority));
    }

    @Benchmark
    public long retryCandidate() {
        return down(depth, true);
    }

    @Benchmark
    public long healthyCall() {
        return down(depth, false);
    }

    @Benchmark
    public long stackWalkerNoMatch() {
        return down(depth, null);
    }

    /** {@code n} frames deeper, then the call: true a retry candidate, false healthy, null a StackWalker search. */
    private long down(int n, Boolean candidate) {
        if (n > 0) {
            return down(n - 1, candidate) + 1;
        }
        if (candidate == null) {
            return walk() ? 1 : 0;
        }
        if (!candidate) {
            engine.firstAttemptFinal(CLIENT, authority, method, engine.guard(authority));
            return 0;
        }
        RetryCall call = engine.begin(CLIENT, authority, method, engine.guard(authority),
                false, true, engine.now());
        return call.onStatus(502, null);
    }

    private static final String[] PREFIXES = OuterRetriers.DEFAULT_ENTRIES.toArray(new String[0]);

    private static boolean walk() {
        return StackWalker.getInstance(Collections.emptySet()).walk(frames -> frames.anyMatch(f -> {
            String type = f.getClassName();
            for (String p : PREFIXES) {
                if (type.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }));
    }
}
