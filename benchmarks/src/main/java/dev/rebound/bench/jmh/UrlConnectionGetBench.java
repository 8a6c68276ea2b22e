package dev.rebound.bench.jmh;

import com.sun.net.httpserver.HttpServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.concurrent.TimeUnit;

/**
 * One {@link HttpURLConnection} GET against a loopback server in the same JVM, answered 200 with a small
 * body over a kept-alive connection. {@link JmhMain} runs it in forks with and without
 * {@code -javaagent:rebound-agent.jar}; the difference is what the agent adds to a healthy call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UrlConnectionGetBench {
    private static final byte[] BODY = "{\"status\":\"ok\",\"items\":[1,2,3]}\n".getBytes();
    private HttpServer server;
    private URL url;

    /** Set in the forks by {@link JmhMain}: whether the agent must be there, so a mislabelled run fails. */
    static final String EXPECT_AGENT = "bench.expect-agent";

    @Setup(Level.Trial)
    public void start() throws IOException {
        String expected = System.getProperty(EXPECT_AGENT);
        if (expected != null && Boolean.parseBoolean(expected) != agentPresent()) {
            throw new IllegalStateException("rebound agent expected " + expected + " but present " + agentPresent());
        }
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            ex.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
        url = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/items");
    }

    /** The agent defines its engine in the bootstrap loader; without it the class is nowhere there. */
    private static boolean agentPresent() {
        try {
            Class.forName("dev.rebound.engine.RetryEngine", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.stop(0);
    }

    @Benchmark
    public int get() throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        int status = c.getResponseCode();
        try (InputStream in = c.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return status;
    }
}
