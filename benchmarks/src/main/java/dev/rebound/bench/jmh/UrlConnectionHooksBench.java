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
import org.openjdk.jmh.annotations.TearDown;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.concurrent.TimeUnit;

/**
 * Everything the woven {@code getInputStream0} adds to a healthy exchange, without the exchange: the
 * {@code enter} and {@code exit} hooks, through the real adapter, engine and metrics, on a real (unconnected)
 * {@code HttpURLConnection}. A loopback call's own cost varies by tens of microseconds between forks on a
 * busy machine; this isolates the part the agent adds, which the end-to-end comparison cannot resolve.
 * The connection has had its exchange (with a loopback server, in the setup), as when the woven method
 * ends: {@code exit} reads its cached status, with no I/O.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UrlConnectionHooksBench {
    private HttpServer server;
    private HttpURLConnection connection;

    @Setup
    public void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write(new byte[] {'o', 'k'});
            exchange.close();
        });
        server.start();
        RetryEngine engine = new RetryEngine(RetryPolicy.DEFAULTS, Clock.SYSTEM, RandomSource.THREAD_LOCAL,
                new MetricsRegistry(MetricsRegistry.DEFAULT_MAX_HOSTS));
        UrlConnectionHooks.install(new UrlConnectionAdapter(engine));
        connection = (HttpURLConnection) new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/items")
                .openConnection();
        // The exchange, unwoven here: afterwards the connection answers getResponseCode from its cache.
        if (connection.getResponseCode() != 200) {
            throw new IllegalStateException("loopback server answered " + connection.getResponseCode());
        }
        try (InputStream body = connection.getInputStream()) {
            body.readAllBytes();
        }
    }

    @TearDown
    public void tearDown() {
        server.stop(0);
    }

    @Benchmark
    public boolean healthyExchangeHooks() {
        UrlConnectionHooks.enter(connection, null, null, false);
        return UrlConnectionHooks.exit(connection, null, null, 200);
    }
}
