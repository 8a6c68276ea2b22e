package dev.rebound.bench.jmh;

import dev.rebound.client.urlconnection.UrlConnectionAdapter;
import dev.rebound.client.urlconnection.UrlConnectionHooks;
import dev.rebound.engine.Clock;
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

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.concurrent.TimeUnit;

/**
 * Everything the woven {@code getInputStream0} adds to a healthy exchange, without the exchange: the
 * {@code enter} and {@code exit} hooks, through the real adapter, engine and metrics, on a real (unconnected)
 * {@code HttpURLConnection}. A loopback call's own cost varies by tens of microseconds between forks on a
 * busy machine; this isolates the part the agent adds, which the end-to-end comparison cannot resolve.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UrlConnectionHooksBench {
    private HttpURLConnection connection;

    @Setup
    public void setUp() throws IOException {
        RetryEngine engine = new RetryEngine(RetryPolicy.DEFAULTS, Clock.SYSTEM, RandomSource.THREAD_LOCAL,
                new MetricsRegistry(MetricsRegistry.DEFAULT_MAX_HOSTS));
        UrlConnectionHooks.install(new UrlConnectionAdapter(engine));
        // openConnection() does not connect: the hooks only read the URL, method and headers.
        connection = (HttpURLConnection) new URL("http://127.0.0.1:8080/items").openConnection();
    }

    @Benchmark
    public boolean healthyExchangeHooks() {
        UrlConnectionHooks.enter(connection, null, null, false);
        return UrlConnectionHooks.exit(connection, null, null, 200);
    }
}
