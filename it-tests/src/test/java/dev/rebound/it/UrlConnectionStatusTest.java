package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * HttpURLConnection GETs against 502/503 upstreams: recovered, exhausted (the app gets the
 * upstream's exact last response), through each entry point, over https, and with Retry-After.
 * Each scenario also runs without the agent, where the app must see the first response as is.
 */
class UrlConnectionStatusTest extends UpstreamTest {

    @AcrossJdks
    void recovers502Then200(Jdk jdk) {
        scenario502Then200(jdk, true, "response-code");
    }

    @AcrossJdks
    void withoutAgent502Then200ShowsThe502(Jdk jdk) {
        scenario502Then200(jdk, false, "response-code");
    }

    @AcrossJdks
    void recovers502Then200ThroughGetInputStream(Jdk jdk) {
        scenario502Then200(jdk, true, "input-stream");
    }

    @AcrossJdks
    void withoutAgentGetInputStreamSees502(Jdk jdk) {
        scenario502Then200(jdk, false, "input-stream");
    }

    @AcrossJdks
    void recovers502Then200ThroughConnect(Jdk jdk) {
        scenario502Then200(jdk, true, "connect");
    }

    private void scenario502Then200(Jdk jdk, boolean agent, String entry) {
        String path = "/" + unique("flaky");
        String bad = unique("bad gateway");
        String good = unique("all good");
        upstream.sequence(path, status(502, bad), status(200, good));

        ChildResult result = call(app(jdk, agent), upstream.url(path), "--entry", entry);

        if (agent) {
            assertWireAttempts(2, path, result);
            assertResponse(200, good, result);
        } else {
            assertWireAttempts(1, path, result);
            CallLine call = result.app().only();
            assertNotEquals(Integer.valueOf(200), call.status(), () -> "without the agent no retry\n" + result.describe());
            if (entry.equals("response-code")) {
                assertResponse(502, bad, result);
            }
        }
    }

    @AcrossJdks
    void exhausts502ForeverAndReturnsTheUpstreamsLast502(Jdk jdk) {
        scenario502Forever(jdk, true);
    }

    @AcrossJdks
    void withoutAgent502ForeverIsOneAttempt(Jdk jdk) {
        scenario502Forever(jdk, false);
    }

    private void scenario502Forever(Jdk jdk, boolean agent) {
        String path = "/" + unique("down");
        String body = unique("upstream bad gateway page");
        upstream.always(path, status(502, body));

        ChildResult result = call(app(jdk, agent), upstream.url(path));

        assertWireAttempts(agent ? 3 : 1, path, result);
        assertResponse(502, body, result);
    }

    @AcrossJdks
    void recovers502Then200OverHttps(Jdk jdk) {
        scenarioHttps(jdk, true);
    }

    @AcrossJdks
    void withoutAgentHttps502Then200ShowsThe502(Jdk jdk) {
        scenarioHttps(jdk, false);
    }

    private void scenarioHttps(Jdk jdk, boolean agent) {
        String path = "/" + unique("tls-flaky");
        String bad = unique("tls bad gateway");
        String good = unique("tls all good");
        upstream.sequence(path, status(502, bad), status(200, good));

        ChildResult result = call(TestCerts.get().trustedBy(app(jdk, agent)), upstream.httpsUrl(path));

        assertWireAttempts(agent ? 2 : 1, path, result);
        if (agent) {
            assertResponse(200, good, result);
        } else {
            assertResponse(502, bad, result);
        }
    }

    @AcrossJdks
    void honoursRetryAfterOneSecond(Jdk jdk) {
        scenarioRetryAfterOneSecond(jdk, true);
    }

    @AcrossJdks
    void withoutAgentRetryAfterIsJustA503(Jdk jdk) {
        scenarioRetryAfterOneSecond(jdk, false);
    }

    private void scenarioRetryAfterOneSecond(Jdk jdk, boolean agent) {
        String path = "/" + unique("busy");
        String busy = unique("busy, come back in a second");
        String good = unique("served after waiting");
        ResponseDefinitionBuilder first = status(503, busy).withHeader("Retry-After", "1");
        upstream.sequence(path, first, status(200, good));

        ChildResult result = call(app(jdk, agent), upstream.url(path), "--show-header", "Retry-After");

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

    @AcrossJdks
    void retryAfterBeyondTheCapIsNotWaitedFor(Jdk jdk) {
        String path = "/" + unique("maintenance");
        String body = unique("down for an hour");
        upstream.always(path, status(503, body).withHeader("Retry-After", "3600"));

        ChildResult result = call(app(jdk, true), upstream.url(path), "--show-header", "Retry-After");

        assertWireAttempts(1, path, result);
        assertResponse(503, body, result);
        CallLine call = result.app().only();
        assertEquals("3600", call.header("Retry-After"), () -> "the app sees the header as sent\n" + result.describe());
        assertTrue(call.ms() < 1000, () -> "a Retry-After above retry-after.max is returned at once\n" + result.describe());
    }
}
