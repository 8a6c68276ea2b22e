package dev.rebound.bench.jmh;

import dev.rebound.engine.CallStart;
import dev.rebound.engine.Client;
import dev.rebound.engine.Clock;
import dev.rebound.engine.RandomSource;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.engine.RetryRule;
import dev.rebound.engine.RetryRules;
import dev.rebound.metrics.MetricsRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The healthy call's engine step as a sync adapter takes it (host filter, {@link CallStart#start} choosing
 * the call's policy among the rules, the first attempt's outcome counted by the real metrics registry),
 * with 0 rules and with 50 that the call does not match, so every call scans them all: host globs with
 * wildcards, path prefixes matched in place in an absolute URI, method sets. Target: 0 B/op
 * ({@code -prof gc}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RulesDecisionBench {
    private static final Client CLIENT = Client.named("apache-httpclient-5");

    @Param({"0", "50"})
    public int rules;

    // Fields, not constants, so that the JIT cannot fold the lookups away.
    private String host = "api.example.com";
    private int port = 443;
    private String authority = "api.example.com";
    private String method = "GET";
    private String target = "https://api.example.com/api/v1/items?page=2";
    private RetryEngine engine;
    private final Step step = new Step();

    /** The adapter's per-thread call state, as the sync clients reuse it. */
    static final class Step extends CallStart {
        @Override
        protected boolean hasHeader(String name) {
            return false;
        }

        @Override
        protected boolean bodyReplayable() {
            return true;
        }

        boolean healthy() {
            boolean whole = firstAttemptEnded(200, null) == null;
            forget();
            return whole;
        }
    }

    @Setup
    public void setUp() {
        List<RetryRule> list = new ArrayList<>();
        RetryPolicy two = RetryPolicy.builder().maxAttempts(2).build();
        for (int i = 1; i <= rules; i++) {
            String glob = i % 3 == 0 ? "*.internal-" + i : i % 3 == 1 ? "svc-" + i + ".example.com" : "api.example.com:" + (8000 + i);
            String path = i % 2 == 0 ? "/api/v" + (i + 1) + "/" : null;
            String[] methods = i % 5 == 0 ? new String[] {"PUT", "DELETE"} : null;
            list.add(new RetryRule("rules." + i, glob, path, methods, two));
        }
        engine = new RetryEngine(RetryRules.of(RetryPolicy.DEFAULTS, list), Clock.SYSTEM, RandomSource.THREAD_LOCAL,
                new MetricsRegistry(MetricsRegistry.DEFAULT_MAX_HOSTS));
        // The first call for a host creates its guard and metrics; the benchmark measures the calls after it.
        healthyCall();
    }

    @Benchmark
    public boolean healthyCall() {
        if (!engine.enabledFor(host, port)) {
            return false;
        }
        step.start(engine, CLIENT, authority, method, host, port, target);
        return step.healthy();
    }
}
