package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JDK HttpClient GETs, through {@code send} and {@code sendAsync}, against 502/503 upstreams: recovered,
 * exhausted (the app gets the upstream's exact last response), over https, and with Retry-After. Each
 * scenario also runs without the agent, where the app must see the first response as is.
 */
class JdkClientStatusTest extends UpstreamTest {

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("dev.rebound.it.JdkClients#jdkClientAndAgent")
    void a502Then200IsRecovered(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("flaky");
        String bad = unique("bad gateway");
        String good = unique("all good");
        upstream.sequence(path, status(502, bad), status(200, good));

        ChildResult result = call(app(jdk, agent), upstream.url(path), "--client", client);

        assertWireAttempts(agent ? 2 : 1, path, result);
        assertResponse(agent ? 200 : 502, agent ? good : bad, result);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.rebound.it.JdkClients#jdkAndClient")
    void aHealthyCallIsSentOnceAndStderrHoldsOnlyTheStartupLine(Jdk jdk, String client) {
        String path = "/" + unique("fine");
        String body = unique("fine");
        upstream.always(path, status(200, body));

        ChildResult result = call(app(jdk, true), upstream.url(path), "--client", client, "--count", "3");

        assertWireAttempts(3, path, result);
        assertEquals(List.of(200, 200, 200), result.app().calls().stream().map(CallLine::status).toList(), result::describe);
        List<String> stderr = result.stderrLines();
        assertEquals(1, stderr.size(), () -> "only the agent's startup line, no JVM or module warnings\n" + result.describe());
        assertTrue(stderr.get(0).startsWith("rebound ") && stderr.get(0).contains("jdk-http-client"), result::describe);
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("dev.rebound.it.JdkClients#jdkClientAndAgent")
    void a502ForeverEndsWithTheUpstreamsLast502BodyIntact(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("down");
        String body = unique("upstream bad gateway page ").repeat(50);
        upstream.always(path, status(502, body));

        ChildResult result = call(app(jdk, agent), upstream.url(path), "--client", client);

        assertWireAttempts(agent ? 3 : 1, path, result);
        assertResponse(502, body, result);
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("dev.rebound.it.JdkClients#jdkClientAndAgent")
    void a502Then200OverHttpsIsRecovered(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("tls-flaky");
        String bad = unique("tls bad gateway");
        String good = unique("tls all good");
        upstream.sequence(path, status(502, bad), status(200, good));

        ChildResult result = call(TestCerts.get().trustedBy(app(jdk, agent)), upstream.httpsUrl(path), "--client", client);

        assertWireAttempts(agent ? 2 : 1, path, result);
        assertResponse(agent ? 200 : 502, agent ? good : bad, result);
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("dev.rebound.it.JdkClients#jdkClientAndAgent")
    void retryAfterOneSecondIsWaitedFor(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("busy");
        String busy = unique("busy, come back in a second");
        String good = unique("served after waiting");
        ResponseDefinitionBuilder first = status(503, busy).withHeader("Retry-After", "1");
        upstream.sequence(path, first, status(200, good));

        ChildResult result = call(app(jdk, agent), upstream.url(path), "--client", client, "--show-header", "Retry-After");

        CallLine call = result.app().only();
        if (agent) {
            assertWireAttempts(2, path, result);
            assertResponse(200, good, result);
            assertTrue(call.ms() >= 1000, () -> "Retry-After: 1 must delay the retry by >= 1000 ms\n" + result.describe());
        } else {
            assertWireAttempts(1, path, result);
            assertResponse(503, busy, result);
            assertEquals("1", call.header("Retry-After"), () -> "the app sees the header as sent\n" + result.describe());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.rebound.it.JdkClients#jdkAndClient")
    void retryAfterBeyondTheCapIsReturnedAtOnce(Jdk jdk, String client) {
        String path = "/" + unique("maintenance");
        String body = unique("down for an hour");
        upstream.always(path, status(503, body).withHeader("Retry-After", "3600"));

        ChildResult result = call(app(jdk, true), upstream.url(path), "--client", client, "--show-header", "Retry-After");

        assertWireAttempts(1, path, result);
        assertResponse(503, body, result);
        CallLine call = result.app().only();
        assertEquals("3600", call.header("Retry-After"), () -> "the app sees the header as sent\n" + result.describe());
        assertTrue(call.ms() < 1000, () -> "a Retry-After above retry-after.max is returned at once\n" + result.describe());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.rebound.it.JdkClients#jdkAndClient")
    void theSwitchTurnsOnlyTheJdkClientOff(Jdk jdk, String client) {
        String path = "/" + unique("down");
        String body = unique("bad gateway");
        upstream.always(path, status(502, body));

        ChildResult off = call(app(jdk, true).rebound("instrumentation.jdk-http-client.enabled", "false"),
                upstream.url(path), "--client", client);
        assertWireAttempts(1, path, off);
        assertResponse(502, body, off);
        assertTrue(off.stderr().contains("instrumenting http-url-connection,") && !off.stderr().contains("jdk-http-client"),
                () -> "the startup line no longer lists the JDK client\n" + off.describe());

        ChildResult otherOff = call(app(jdk, true).rebound("instrumentation.http-url-connection.enabled", "false"),
                upstream.url(path), "--client", client);
        assertWireAttempts(1 + 3, path, otherOff);
        assertTrue(otherOff.stderr().contains("instrumenting jdk-http-client") && !otherOff.stderr().contains("http-url-connection"),
                otherOff::describe);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.rebound.it.JdkClients#jdkAndClient")
    void observeModeNeverResends(Jdk jdk, String client) {
        String path = "/" + unique("flaky");
        String bad = unique("bad gateway");
        upstream.sequence(path, status(502, bad), status(200, "good"));

        ChildResult result = call(app(jdk, true).rebound("mode", "observe"), upstream.url(path), "--client", client);

        assertWireAttempts(1, path, result);
        assertResponse(502, bad, result);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.rebound.it.JdkClients#jdkAndClient")
    void theRequestTimeoutAppliesToEachAttempt(Jdk jdk, String client) {
        String path = "/" + unique("slow");
        String good = unique("fast enough");
        upstream.sequence(path, status(200, "too late").withFixedDelay(3_000), status(200, good));

        // HttpRequest.timeout() is 1 s: the first attempt times out; with timeout in retry-on the second,
        // answered at once, gets its own full second.
        ChildResult result = app(jdk, true).rebound("retry-on", "502,503,504,connect-failure,timeout")
                .args("--client", client, "--timeout-ms", "1000", upstream.url(path)).run();

        assertEquals(0, result.exitCode(), result::describe);
        assertWireAttempts(2, path, result);
        assertResponse(200, good, result);
        long ms = result.app().only().ms();
        assertTrue(ms >= 1000 && ms < 3000, () -> "one timed-out attempt, then a quick one\n" + result.describe());

        upstream.reset();
        upstream.sequence(path, status(200, "too late").withFixedDelay(3_000), status(200, good));
        ChildResult plain = app(jdk, true).args("--client", client, "--timeout-ms", "1000", upstream.url(path)).run();
        assertWireAttempts(1, path, plain);
        assertEquals("java.net.http.HttpTimeoutException", plain.app().only().error(),
                () -> "timeout is not in the default retry-on\n" + plain.describe());
    }
}
