package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rebound.it.apps.ApacheAsyncProbeApp;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Apache async clients, HttpAsyncClient 4.1 ({@code apache-httpasyncclient-4}) and HttpClient 5's
 * async API ({@code apache-httpclient-5-async}), driven by {@link ApacheAsyncProbeApp} with and without
 * the agent; wire attempts counted by the upstream.
 */
class ApacheAsyncTest extends UpstreamTest {

    private static final int CONCURRENT_CALLS = 500;
    /**
     * Threads the agent may add to the app, whatever the number of calls: its one re-send timer, its JMX
     * exporter, and one short-lived thread of its own start-up (the peak may catch it); 500 calls wait.
     */
    private static final int HANDFUL = 4;

    static Stream<Arguments> clientJdkAgent() {
        List<Arguments> all = new ArrayList<>();
        for (String client : List.of("4", "5")) {
            for (Jdk jdk : Jdks.all()) {
                all.add(Arguments.of(client, jdk, true));
                all.add(Arguments.of(client, jdk, false));
            }
        }
        return all.stream();
    }

    static Stream<Arguments> clientJdk() {
        List<Arguments> all = new ArrayList<>();
        for (String client : List.of("4", "5")) {
            for (Jdk jdk : Jdks.all()) {
                all.add(Arguments.of(client, jdk));
            }
        }
        return all.stream();
    }

    /**
     * 502 then 200; 502 forever (the last body intact); 200 at once; a refused connection. The app's
     * future and its callback hear once, of the final attempt only.
     */
    @ParameterizedTest(name = "client {0} {1} agent={2}")
    @MethodSource("clientJdkAgent")
    void getsAreOneCallEach(String client, Jdk jdk, boolean agent) {
        String once = "/" + unique("once");
        String forever = "/" + unique("forever");
        String fine = "/" + unique("fine");
        upstream.sequence(once, status(502, "bad gateway"), status(200, "fine after one"));
        upstream.always(forever, status(502, "still bad"));
        upstream.always(fine, status(200, "fine"));
        String refused = "http://127.0.0.1:" + FreePorts.closed() + "/refused";

        ChildResult result = probe(client, jdk, agent, "get", upstream.url(once), upstream.url(forever),
                upstream.url(fine), refused).run();
        assertEquals(0, result.exitCode(), result::describe);
        Map<Integer, String> calls = calls(result);

        String bad = ApacheAsyncProbeApp.sha("bad gateway".getBytes());
        String good = ApacheAsyncProbeApp.sha("fine after one".getBytes());
        String still = ApacheAsyncProbeApp.sha("still bad".getBytes());
        assertEquals(agent ? "status=200 body=" + good + " len=14 callbacks=1/0/0"
                : "status=502 body=" + bad + " len=11 callbacks=1/0/0", calls.get(0), result::describe);
        assertWireAttempts(agent ? 2 : 1, once, result);
        assertEquals("status=502 body=" + still + " len=9 callbacks=1/0/0", calls.get(1), result::describe);
        assertWireAttempts(agent ? 3 : 1, forever, result);
        assertEquals("status=200 body=" + ApacheAsyncProbeApp.sha("fine".getBytes()) + " len=4 callbacks=1/0/0",
                calls.get(2), result::describe);
        assertWireAttempts(1, fine, result);
        assertEquals("error=java.net.ConnectException callbacks=0/1/0", calls.get(3).replace(
                "org.apache.hc.client5.http.HttpHostConnectException", "java.net.ConnectException"), result::describe);
        System.out.println("[apache-async " + client + "] " + jdk + " agent=" + agent + " wire: 502-then-200="
                + upstream.count(once) + " 502-forever=" + upstream.count(forever) + " 200=" + upstream.count(fine));
    }

    /** A POST with an Idempotency-Key: a repeatable body is re-sent byte for byte; one that is not, never. */
    @ParameterizedTest(name = "client {0} {1}")
    @MethodSource("clientJdk")
    void postBodies(String client, Jdk jdk) {
        for (String body : List.of("repeatable", "once")) {
            String path = "/" + unique("post-" + body);
            upstream.sequence(path, status(502, "bad gateway"), status(200, "posted"));
            ChildResult result = probe(client, jdk, true, "post", upstream.url(path), body).run();
            assertEquals(0, result.exitCode(), result::describe);
            String call = calls(result).get(0);
            if (body.equals("repeatable")) {
                assertTrue(call.startsWith("status=200 "), result::describe);
                assertWireAttempts(2, path, result);
                List<LoggedRequest> sent = upstream.requests(path);
                String first = ApacheAsyncProbeApp.sha(sent.get(0).getBody());
                assertEquals(facts(result).get("sent-sha"), first, result::describe);
                assertEquals(first, ApacheAsyncProbeApp.sha(sent.get(1).getBody()), result::describe);
            } else {
                assertTrue(call.startsWith("status=502 "), result::describe);
                assertWireAttempts(1, path, result);
            }
        }
    }

    /**
     * 500 calls at once, each answered 502 then 200, on a pool of 2 connections: all succeed with 1,000
     * wire requests, and the app's threads grow by the agent's one timer thread at most.
     */
    @ParameterizedTest(name = "client {0} {1}")
    @MethodSource("clientJdk")
    void fiveHundredConcurrentFailOnceCallsOnTwoConnections(String client, Jdk jdk) {
        Map<Boolean, Map<String, String>> byAgent = new HashMap<>();
        for (boolean agent : new boolean[] {false, true}) {
            upstream.reset();
            String prefix = "/" + unique("burst");
            for (int i = 0; i < CONCURRENT_CALLS; i++) {
                upstream.sequence(prefix + "-" + i, status(502, "bad gateway " + i), status(200, "fine " + i));
            }
            ChildResult result = probe(client, jdk, agent, "concurrent", Integer.toString(CONCURRENT_CALLS),
                    upstream.url(prefix)).timeout(Duration.ofSeconds(90)).run();
            assertEquals(0, result.exitCode(), result::describe);
            Map<String, String> f = facts(result);
            int wire = 0;
            for (int i = 0; i < CONCURRENT_CALLS; i++) {
                wire += upstream.count(prefix + "-" + i);
            }
            assertEquals(Integer.toString(CONCURRENT_CALLS), f.get("callbacks"), result::describe);
            if (agent) {
                assertEquals(Integer.toString(CONCURRENT_CALLS), f.get("ok"), result::describe);
                assertEquals(2 * CONCURRENT_CALLS, wire, result::describe);
            } else {
                assertEquals("0", f.get("ok"), result::describe);
                assertEquals(CONCURRENT_CALLS, wire, result::describe);
            }
            byAgent.put(agent, f);
            System.out.println("[apache-async " + client + "] " + jdk + " agent=" + agent + " concurrent="
                    + CONCURRENT_CALLS + " ok=" + f.get("ok") + " wire=" + wire + " threads before="
                    + f.get("threads-before") + " peak=" + f.get("threads-peak") + " after=" + f.get("threads-after")
                    + " names=" + f.get("thread-names"));
        }
        int without = Integer.parseInt(byAgent.get(false).get("threads-peak"));
        int with = Integer.parseInt(byAgent.get(true).get("threads-peak"));
        assertTrue(with - without <= HANDFUL, "peak threads " + without + " without the agent, " + with + " with it");
    }

    /** The app cancels its future while the call waits for its retry: no further request, the callback hears cancelled. */
    @ParameterizedTest(name = "client {0} {1} agent={2}")
    @MethodSource("clientJdkAgent")
    void cancelDuringBackoff(String client, Jdk jdk, boolean agent) {
        String path = "/" + unique("cancel");
        upstream.sequence(path, status(502, "busy").withHeader("Retry-After", "2"), status(200, "fine"));
        ChildResult result = probe(client, jdk, agent, "cancel", upstream.url(path)).run();
        assertEquals(0, result.exitCode(), result::describe);
        Map<String, String> f = facts(result);
        assertWireAttempts(1, path, result);
        assertEquals(Boolean.toString(!agent), f.get("done-before-cancel"), result::describe);
        assertEquals(Boolean.toString(agent && !client.equals("4")), f.get("cancel-returned"), result::describe);
        assertEquals(Boolean.toString(agent), f.get("cancelled"), result::describe);
        assertEquals(agent ? "0/0/1" : "1/0/0", f.get("callbacks"), result::describe);
    }

    /**
     * The app cancels its future while the first attempt waits for its answer: the exchange is cancelled,
     * one request only, and the callback hears {@code cancelled} once, as without the agent.
     */
    @ParameterizedTest(name = "client {0} {1} agent={2}")
    @MethodSource("clientJdkAgent")
    void cancelInFlight(String client, Jdk jdk, boolean agent) {
        String path = "/" + unique("slow");
        upstream.always(path, status(502, "late").withFixedDelay(3000));
        ChildResult result = probe(client, jdk, agent, "cancel", upstream.url(path)).run();
        assertEquals(0, result.exitCode(), result::describe);
        Map<String, String> f = facts(result);
        assertWireAttempts(1, path, result);
        assertEquals("false", f.get("done-before-cancel"), result::describe);
        // 4.1's future cancels its exchange first, which settles it, then answers false; rebound's answers the same.
        assertEquals(Boolean.toString(!client.equals("4")), f.get("cancel-returned"), result::describe);
        assertEquals("true", f.get("cancelled"), result::describe);
        assertEquals("0/0/1", f.get("callbacks"), result::describe);
    }

    /** An app consumer that streams a 10 MiB body gets the final attempt's, intact, and never the retried one's. */
    @ParameterizedTest(name = "client {0} {1}")
    @MethodSource("clientJdk")
    void streamingConsumerGetsTheFinalBodyIntact(String client, Jdk jdk) {
        byte[] big = new byte[10 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 131 + (i >>> 13));
        }
        String path = "/" + unique("big");
        upstream.sequence(path, status(502, "x".repeat(100_000)), status(200, big));
        ChildResult result = probe(client, jdk, true, "stream", upstream.url(path))
                .timeout(Duration.ofSeconds(60)).run();
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals("digest=200:" + big.length + ":" + ApacheAsyncProbeApp.sha(big) + " callbacks=1/0/0",
                calls(result).get(0), result::describe);
        assertWireAttempts(2, path, result);
    }

    /**
     * Libraries on HttpAsyncClient 4.1 against a fail-once loopback server: the Elasticsearch low-level
     * {@code RestClient} (async and blocking forms; one node, so its own retry across nodes has nowhere to
     * go) and Unirest 3's {@code asStringAsync}.
     */
    @ParameterizedTest(name = "{0} agent={1}")
    @MethodSource("dev.rebound.it.Jdks#allWithAgentOnAndOff")
    void elasticsearchRestClientAndUnirest(Jdk jdk, boolean agent) throws URISyntaxException {
        String es = "/" + unique("es");
        upstream.sequence(es + "-async", status(502, "bad gateway"), status(200, "{\"ok\":1}"));
        upstream.sequence(es + "-sync", status(502, "bad gateway"), status(200, "{\"ok\":2}"));
        ChildResult result = ChildJvm.on(jdk).agent(agent).rebound("backoff.initial", "10ms")
                .testApp(dev.rebound.it.apps.ApacheAsyncLibrariesApp.class, classpath())
                .args("es", "http://127.0.0.1:" + upstream.port(), es).run();
        assertEquals(0, result.exitCode(), result::describe);
        Map<Integer, String> calls = calls(result);
        String failed = "error=org.elasticsearch.client.ResponseException";
        assertEquals(agent ? "status=200 body={\"ok\":1}" : failed, calls.get(0), result::describe);
        assertEquals(agent ? "status=200 body={\"ok\":2}" : failed, calls.get(1), result::describe);
        assertWireAttempts(agent ? 2 : 1, es + "-async", result);
        assertWireAttempts(agent ? 2 : 1, es + "-sync", result);

        String unirest = "/" + unique("unirest");
        upstream.sequence(unirest, status(502, "bad gateway"), status(200, "fine"));
        result = ChildJvm.on(jdk).agent(agent).rebound("backoff.initial", "10ms")
                .testApp(dev.rebound.it.apps.ApacheAsyncLibrariesApp.class, classpath())
                .args("unirest", upstream.url(unirest)).run();
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals(agent ? "status=200 body=fine" : "status=502 body=bad gateway", calls(result).get(0),
                result::describe);
        assertWireAttempts(agent ? 2 : 1, unirest, result);
    }

    /**
     * HttpClient 5's HTTP/2 client, h2c (prior knowledge) and h2 over TLS: 502 then 200 takes two
     * requests (streams) and the app gets the 200 over HTTP/2; without the agent, the 502.
     */
    @ParameterizedTest(name = "{0} agent={1}")
    @MethodSource("dev.rebound.it.Jdks#allWithAgentOnAndOff")
    void http2BothWays(Jdk jdk, boolean agent) {
        String clear = "/" + unique("h2c");
        String tls = "/" + unique("h2");
        upstream.sequence(clear, status(502, "bad gateway"), status(200, "fine"));
        upstream.sequence(tls, status(502, "bad gateway"), status(200, "fine"));
        ChildJvm child = probe("5h2", jdk, agent, "get", upstream.url(clear), upstream.httpsUrl(tls));
        TestCerts.get().trustedBy(child);
        ChildResult result = child.run();
        assertEquals(0, result.exitCode(), result::describe);
        Map<Integer, String> calls = calls(result);
        Map<String, String> f = facts(result);
        for (int i = 0; i < 2; i++) {
            assertTrue(calls.get(i).startsWith(agent ? "status=200 " : "status=502 "), result::describe);
            assertTrue(calls.get(i).endsWith("callbacks=1/0/0"), result::describe);
            assertEquals("HTTP/2.0", f.get("version-" + i), result::describe);
        }
        assertWireAttempts(agent ? 2 : 1, clear, result);
        assertWireAttempts(agent ? 2 : 1, tls, result);
    }

    /**
     * How rebound composes with the clients' own retries, with both defaults (GET): wire attempts per call
     * for each outcome, without and with the agent (README's table). HttpAsyncClient 4.1 retries nothing
     * itself; HttpClient 5 async retries a 503 once (after 1 s) and a reset once.
     */
    @ParameterizedTest(name = "client {0} {1} agent={2}")
    @MethodSource("clientJdkAgent")
    void compositionWithTheClientsOwnRetries(String client, Jdk jdk, boolean agent) {
        String bad = "/" + unique("502");
        String busy = "/" + unique("503");
        String reset = "/" + unique("reset");
        String empty = "/" + unique("empty");
        upstream.always(bad, status(502, "bad gateway"));
        upstream.always(busy, status(503, "busy"));
        upstream.fault(reset, com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER);
        upstream.fault(empty, com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE);
        ChildResult result = probe(client, jdk, agent, "get", upstream.url(bad), upstream.url(busy),
                upstream.url(reset), upstream.url(empty)).timeout(Duration.ofSeconds(40)).run();
        assertEquals(0, result.exitCode(), result::describe);
        Map<Integer, String> calls = calls(result);
        boolean five = client.equals("5");
        int executions = agent ? 3 : 1;
        System.out.println("[apache-async " + client + "] " + jdk + " agent=" + agent + " composition wire: 502="
                + upstream.count(bad) + " 503=" + upstream.count(busy) + " reset=" + upstream.count(reset)
                + " (" + calls.get(2) + ") empty=" + upstream.count(empty) + " (" + calls.get(3) + ")");
        assertTrue(calls.get(0).startsWith("status=502 "), result::describe);
        assertWireAttempts(executions, bad, result);
        assertTrue(calls.get(1).startsWith("status=503 "), result::describe);
        assertWireAttempts(executions * (five ? 2 : 1), busy, result);
        // A reset or an empty response is not in the default retry-on: the client's own share only.
        assertEquals("error=java.net.SocketException callbacks=0/1/0", calls.get(2), result::describe);
        assertWireAttempts(five ? 2 : 1, reset, result);
        assertEquals("error=org.apache." + (five ? "hc.core5." : "") + "http.ConnectionClosedException callbacks=0/1/0",
                calls.get(3), result::describe);
        assertWireAttempts(1, empty, result);
    }

    /** With {@code reset} in {@code retry-on}: a reset and an empty response are retried, times the client's own share. */
    @ParameterizedTest(name = "client {0} {1}")
    @MethodSource("clientJdk")
    void resetInRetryOnComposesToo(String client, Jdk jdk) {
        String reset = "/" + unique("reset");
        String empty = "/" + unique("empty");
        upstream.fault(reset, com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER);
        upstream.fault(empty, com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE);
        ChildJvm child = probe(client, jdk, true, "get", upstream.url(reset), upstream.url(empty))
                .rebound("retry-on", "502,503,504,connect-failure,reset");
        ChildResult result = child.timeout(Duration.ofSeconds(40)).run();
        assertEquals(0, result.exitCode(), result::describe);
        boolean five = client.equals("5");
        Map<Integer, String> calls = calls(result);
        System.out.println("[apache-async " + client + "] " + jdk + " retry-on+reset wire: reset="
                + upstream.count(reset) + " empty=" + upstream.count(empty));
        assertEquals("error=java.net.SocketException callbacks=0/1/0", calls.get(0), result::describe);
        assertWireAttempts(3 * (five ? 2 : 1), reset, result);
        assertEquals("error=org.apache." + (five ? "hc.core5." : "") + "http.ConnectionClosedException callbacks=0/1/0",
                calls.get(1), result::describe);
        assertWireAttempts(3, empty, result);
    }

    /** An older HttpClient 5 (5.2.3, with its httpcore5 5.2.4): 502 then 200, 502 forever, a repeatable POST. */
    @ParameterizedTest(name = "{0} agent={1}")
    @MethodSource("dev.rebound.it.Jdks#allWithAgentOnAndOff")
    void olderHttpClient5(Jdk jdk, boolean agent) {
        String once = "/" + unique("old-once");
        String forever = "/" + unique("old-forever");
        upstream.sequence(once, status(502, "bad gateway"), status(200, "fine after one"));
        upstream.always(forever, status(502, "still bad"));
        List<Path> jars = new ArrayList<>(List.of(Artifacts.apacheJars("old").resolve("httpclient5-5.2.3.jar"),
                Artifacts.apacheJars("old").resolve("httpcore5-5.2.4.jar"),
                Artifacts.apacheJars("old").resolve("httpcore5-h2-5.2.4.jar"),
                Artifacts.apacheJars("common").resolve("slf4j-api-2.0.17.jar")));
        ChildResult result = ChildJvm.on(jdk).agent(agent).rebound("backoff.initial", "10ms")
                .testApp(ApacheAsyncProbeApp.class, jars.toArray(new Path[0]))
                .args("5", "get", upstream.url(once), upstream.url(forever)).run();
        assertEquals(0, result.exitCode(), result::describe);
        Map<Integer, String> calls = calls(result);
        assertTrue(calls.get(0).startsWith(agent ? "status=200 " : "status=502 "), result::describe);
        assertTrue(calls.get(1).startsWith("status=502 "), result::describe);
        assertWireAttempts(agent ? 2 : 1, once, result);
        assertWireAttempts(agent ? 3 : 1, forever, result);
    }

    /** The {@code createMinimal()} clients of both libraries: 502 then 200, 502 forever. */
    @ParameterizedTest(name = "{0} agent={1}")
    @MethodSource("dev.rebound.it.Jdks#allWithAgentOnAndOff")
    void minimalClients(Jdk jdk, boolean agent) {
        for (String client : List.of("4min", "5min")) {
            String once = "/" + unique(client + "-once");
            String forever = "/" + unique(client + "-forever");
            upstream.sequence(once, status(502, "bad gateway"), status(200, "fine after one"));
            upstream.always(forever, status(502, "still bad"));
            ChildResult result = probe(client, jdk, agent, "get", upstream.url(once), upstream.url(forever)).run();
            assertEquals(0, result.exitCode(), result::describe);
            Map<Integer, String> calls = calls(result);
            assertTrue(calls.get(0).startsWith(agent ? "status=200 " : "status=502 "), result::describe);
            assertTrue(calls.get(0).endsWith(" callbacks=1/0/0"), result::describe);
            assertTrue(calls.get(1).startsWith("status=502 "), result::describe);
            assertWireAttempts(agent ? 2 : 1, once, result);
            assertWireAttempts(agent ? 3 : 1, forever, result);
        }
    }

    private static ChildJvm probe(String client, Jdk jdk, boolean agent, String... args) {
        try {
            return ChildJvm.on(jdk).agent(agent).rebound("backoff.initial", "10ms").rebound("backoff.max", "20ms")
                    .testApp(ApacheAsyncProbeApp.class, classpath()).args(client).args(args);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The clients' jars, from this module's test class path. */
    static Path[] classpath() throws URISyntaxException {
        String[] classes = {
                "org.apache.http.impl.nio.client.HttpAsyncClients", "org.apache.http.nio.reactor.IOReactor",
                "org.apache.http.HttpEntity", "org.apache.http.client.config.RequestConfig",
                "org.apache.commons.logging.Log", "org.apache.commons.codec.binary.Base64",
                "org.apache.hc.client5.http.impl.async.HttpAsyncClients", "org.apache.hc.core5.http.HttpHost",
                "org.apache.hc.core5.http2.HttpVersionPolicy", "org.slf4j.LoggerFactory",
                "org.elasticsearch.client.RestClient", "kong.unirest.Unirest", "com.google.gson.Gson",
                "org.apache.http.entity.mime.MultipartEntityBuilder",
        };
        List<Path> jars = new ArrayList<>();
        for (String name : classes) {
            try {
                Path jar = Paths.get(Class.forName(name, false, ApacheAsyncTest.class.getClassLoader())
                        .getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!jars.contains(jar)) {
                    jars.add(jar);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(name + " is not on the it-tests class path", e);
            }
        }
        return jars.toArray(new Path[0]);
    }

    /** Call lines by index, without their {@code call=<i> } prefix. */
    private static Map<Integer, String> calls(ChildResult result) {
        Map<Integer, String> calls = new HashMap<>();
        for (String line : result.stdoutLines()) {
            if (line.startsWith("call=")) {
                int space = line.indexOf(' ');
                calls.put(Integer.parseInt(line.substring(5, space)), line.substring(space + 1));
            }
        }
        return calls;
    }

    private static Map<String, String> facts(ChildResult result) {
        Map<String, String> facts = new HashMap<>();
        for (String line : result.stdoutLines()) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("call=") && line.indexOf(' ') < 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return facts;
    }
}
