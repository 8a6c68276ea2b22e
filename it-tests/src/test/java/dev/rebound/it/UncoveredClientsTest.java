package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.it.apps.UncoveredClientsApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Clients rebound does not cover are named, once each, when they load, and counted in
 * {@code rebound_uncovered_client}: real reactor-netty, Jetty and Maven's HTTP wagon (Apache HttpClient 4
 * relocated into its own package, told by its shape). Their calls to a 502 go out once each; a covered
 * client's are retried, and an app using only covered clients gets no such line.
 */
class UncoveredClientsTest extends UpstreamTest {
    private static final String NOT_COVERED = " is not covered, its calls are not retried";

    /** App client name, library label, the package of the class the line names. */
    private static final String[][] UNCOVERED = {
        {"reactor-netty", "reactor-netty", "reactor.netty.http.client."},
        {"jetty", "jetty-client", "org.eclipse.jetty.client."},
        // Whichever of its client classes loads first (the verifier loads some before the app builds one).
        {"wagon", "apache-httpclient-4-relocated", "org.apache.maven.wagon.providers.http.httpclient.impl.client."},
    };

    @AcrossJdks
    void eachUncoveredClientIsNamedOnceAndCounted(Jdk jdk) throws Exception {
        List<String> args = new ArrayList<>(List.of(upstream.url("").replaceAll("/$", "")));
        for (String[] client : UNCOVERED) {
            upstream.always("/" + client[0], status(502, "bad"));
            args.add(client[0]);
        }
        upstream.always("/huc", status(502, "bad"));
        args.add("huc");
        ChildResult result = run(jdk, args);

        String startup = result.stderrLines().stream().filter(l -> l.contains(": instrumenting ")).findFirst()
                .orElseThrow(() -> new AssertionError("no start-up line\n" + result.describe()));
        PromText metrics = PromText.parse(between(result.stdoutLines(), "metrics-begin", "metrics-end"));
        for (String[] client : UNCOVERED) {
            String end = " loaded: " + client[1] + NOT_COVERED;
            assertEquals(1, result.stderrLines().stream().filter(l -> l.endsWith(end)).count(),
                    () -> "one line ending '" + end + "'\n" + result.describe());
            assertTrue(result.stderrLines().stream().anyMatch(l -> l.startsWith("rebound: " + client[2]) && l.endsWith(end)),
                    () -> client[1] + " named by a class of " + client[2] + "\n" + result.describe());
            assertTrue(result.stdoutLines().contains("client=" + client[0] + " status=502"), result::describe);
            // Two calls, one attempt each: rebound does not see them.
            assertEquals(2, upstream.count("/" + client[0]), () -> client[0] + " wire attempts\n" + result.describe());
            assertEquals(1.0, metrics.sum("rebound_uncovered_client", Map.of("library", client[1])),
                    () -> client[1] + " in /metrics\n" + result.describe());
            assertTrue(!startup.contains(client[1]), startup);
        }
        assertEquals(3, metrics.select("rebound_uncovered_client", Map.of()).size(), result::describe);
        assertTrue(result.stdoutLines().contains("jmx-uncovered=apache-httpclient-4-relocated,jetty-client,reactor-netty"),
                result::describe);
        // The covered client beside them is still retried (max-attempts 3, twice).
        assertEquals(6, upstream.count("/huc"), result::describe);
        assertTrue(startup.contains("instrumenting http-url-connection,"), startup);
    }

    @AcrossJdks
    void anAppOfCoveredClientsNamesNone(Jdk jdk) throws Exception {
        upstream.always("/huc", status(502, "bad"));
        upstream.always("/apache4", status(502, "bad"));
        ChildResult result = run(jdk, List.of(upstream.url("").replaceAll("/$", ""), "huc", "apache4"));

        assertEquals(List.of(), result.stderrLines().stream().filter(l -> l.contains(NOT_COVERED)).toList(),
                result::describe);
        PromText metrics = PromText.parse(between(result.stdoutLines(), "metrics-begin", "metrics-end"));
        assertEquals(List.of(), metrics.select("rebound_uncovered_client", Map.of()), result::describe);
        assertTrue(result.stdoutLines().contains("jmx-uncovered="), result::describe);
        assertEquals(6, upstream.count("/huc"), result::describe);
        assertEquals(6, upstream.count("/apache4"), result::describe);
    }

    private static ChildResult run(Jdk jdk, List<String> args) throws Exception {
        ChildResult result = ChildJvm.on(jdk).withAgent()
                .rebound("metrics.prometheus.port", Integer.toString(FreePorts.free()))
                .rebound("circuit.failure-threshold", "100")
                .rebound("backoff.initial", "1ms")
                .rebound("backoff.max", "5ms")
                .timeout(Duration.ofSeconds(60))
                .testApp(UncoveredClientsApp.class, classpath())
                .args(args)
                .run();
        assertEquals(0, result.exitCode(), result::describe);
        assertTrue(result.stdoutLines().contains("done"), result::describe);
        return result;
    }

    private static String between(List<String> lines, String begin, String end) {
        int from = lines.indexOf(begin);
        int to = lines.indexOf(end);
        assertTrue(from >= 0 && to > from, "metrics block in the app's output");
        return String.join("\n", lines.subList(from + 1, to)) + "\n";
    }

    /** The clients' jars, from this module's test class path. */
    private static Path[] classpath() throws Exception {
        String[] classes = {
                "reactor.netty.http.client.HttpClient", "reactor.netty.Connection", "reactor.core.publisher.Mono",
                "org.reactivestreams.Publisher", "io.netty.util.AttributeKey", "io.netty.buffer.ByteBuf",
                "io.netty.channel.Channel", "io.netty.handler.codec.ByteToMessageDecoder",
                "io.netty.handler.codec.compression.ZlibCodecFactory", "io.netty.handler.codec.http.HttpClientCodec",
                "io.netty.handler.codec.http2.Http2FrameCodec", "io.netty.handler.ssl.SslContext",
                "io.netty.resolver.AddressResolver", "io.netty.resolver.dns.DnsAddressResolverGroup",
                "io.netty.handler.codec.dns.DnsRecord", "io.netty.handler.proxy.ProxyHandler",
                "io.netty.handler.codec.socksx.SocksMessage", "io.netty.channel.unix.Socket",
                "io.netty.channel.epoll.Epoll",
                "org.eclipse.jetty.client.HttpClient", "org.eclipse.jetty.http.HttpField", "org.eclipse.jetty.io.EndPoint",
                "org.eclipse.jetty.util.component.LifeCycle", "org.eclipse.jetty.alpn.client.ALPNClientConnection",
                "org.slf4j.LoggerFactory",
                "org.apache.maven.wagon.providers.http.httpclient.impl.client.HttpClients",
                "org.apache.commons.logging.Log",
                "org.apache.http.impl.client.HttpClients", "org.apache.http.HttpEntity",
                "org.apache.commons.codec.binary.Base64"};
        List<Path> jars = new ArrayList<>();
        for (String name : classes) {
            Path jar = OuterRetrierTest.jarOf(name);
            if (!jars.contains(jar)) {
                jars.add(jar);
            }
        }
        return jars.toArray(new Path[0]);
    }
}
