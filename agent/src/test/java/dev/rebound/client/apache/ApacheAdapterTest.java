package dev.rebound.client.apache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.engine.CallListener;
import dev.rebound.engine.Client;
import dev.rebound.engine.Clock;
import dev.rebound.engine.HostFilter;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.engine.SkipCause;
import dev.rebound.testing.Allocations;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter and hooks driven the way the woven {@code doExecute} drives them: enter, an attempt's
 * result, exit, and again while exit says so. The random source is 0, so every backoff is 0 ns.
 */
class ApacheAdapterTest {
    /** Stands for the woven client class: its name tells the hooks which bridge to ask the factory for. */
    private static final Class<?> WOVEN = org.apache.hc.client5.http.impl.classic.CloseableHttpClient.class;

    private static final FakeBridge.Response OK = new FakeBridge.Response(200, null);
    private static final FakeBridge.Response BAD_GATEWAY = new FakeBridge.Response(502, null);

    /** Shared: the hooks keep the bridge of a woven class (here, this test class) for good. */
    private static final FakeBridge bridge = new FakeBridge();
    private final List<String> calls = new ArrayList<>();

    private RetryEngine engine(RetryPolicy policy) {
        Clock clock = new Clock() {
            @Override
            public long nanoTime() {
                return 0;
            }

            @Override
            public long currentTimeMillis() {
                return 0;
            }
        };
        CallListener listener = new CallListener() {
            @Override
            public void callEnded(Client client, String host, String method, Outcome outcome) {
                calls.add(client.label() + " " + host + " " + method + " " + outcome.label());
            }

            @Override
            public void retried(Client client, String host, String reason, long delayNanos) {
                calls.add("retried " + reason);
            }

            @Override
            public void retrySkipped(Client client, String host, SkipCause cause) {
                calls.add("skipped " + cause.label());
            }
        };
        return new RetryEngine(policy, clock, () -> 0.0, listener);
    }

    private void install(RetryPolicy policy) {
        ApacheHooks.install(new ApacheAdapter(engine(policy)), (wovenClass, bridgeClass) -> bridge);
    }

    @BeforeEach
    void clearBridgeEvents() {
        bridge.events.clear();
        bridge.pools = true;
    }

    @AfterEach
    void uninstall() {
        ApacheHooks.install(null, null);
    }

    /** One logical call as the woven loop makes it; each attempt takes the next outcome. */
    private Object execute(FakeBridge.Request request, Object... outcomes) throws Throwable {
        Iterator<Object> next = List.of(outcomes).iterator();
        while (true) {
            ApacheHooks.enter(WOVEN, null, request);
            Object outcome = next.next();
            bridge.events.add("attempt " + (outcome instanceof FakeBridge.Response r ? r.status() : outcome));
            Object returned = outcome instanceof Throwable ? null : outcome;
            Throwable thrown = outcome instanceof Throwable t ? t : null;
            if (!ApacheHooks.exit(this, returned, thrown)) {
                if (thrown != null) {
                    throw thrown;
                }
                return returned;
            }
        }
    }

    @Test
    void aHealthyCallIsOneAttemptCountedOk() throws Throwable {
        install(RetryPolicy.DEFAULTS);
        assertEquals(OK, execute(FakeBridge.Request.get("a.test"), OK));
        assertEquals(List.of("attempt 200"), bridge.events);
        assertEquals(List.of("apache-httpclient-5 a.test GET ok"), calls);
    }

    @Test
    void aFailedAttemptIsDiscardedBeforeTheNextOne() throws Throwable {
        install(RetryPolicy.DEFAULTS);
        assertEquals(OK, execute(new FakeBridge.Request("a.test", 8080, "GET", List.of(), true), BAD_GATEWAY, OK));
        assertEquals(List.of("attempt 502", "discard 502", "beforeRetry", "attempt 200"), bridge.events);
        assertEquals(List.of("retried 502", "apache-httpclient-5 a.test:8080 GET recovered"), calls);
    }

    @Test
    void theLastFailedResponseReachesTheAppUntouched() throws Throwable {
        install(RetryPolicy.DEFAULTS);
        FakeBridge.Response last = new FakeBridge.Response(502, null);
        assertEquals(last, execute(FakeBridge.Request.get("a.test"), BAD_GATEWAY, BAD_GATEWAY, last));
        assertEquals(List.of("attempt 502", "discard 502", "beforeRetry", "attempt 502", "discard 502", "beforeRetry",
                "attempt 502"), bridge.events);
        assertEquals("apache-httpclient-5 a.test GET exhausted", calls.get(calls.size() - 1));
    }

    @Test
    void postIsRetriedOnlyWithAnIdempotencyKey() throws Throwable {
        install(RetryPolicy.DEFAULTS);
        execute(new FakeBridge.Request("a.test", -1, "POST", List.of(), true), BAD_GATEWAY);
        assertEquals(List.of("skipped method", "apache-httpclient-5 a.test POST not_retried"), calls);
        calls.clear();
        execute(new FakeBridge.Request("a.test", -1, "POST", List.of("Idempotency-Key"), true), BAD_GATEWAY, OK);
        assertEquals(List.of("retried 502", "apache-httpclient-5 a.test POST recovered"), calls);
    }

    @Test
    void aBodyThatCannotBeReplayedIsNeverResent() throws Throwable {
        install(RetryPolicy.DEFAULTS);
        execute(new FakeBridge.Request("a.test", -1, "PUT", List.of(), false), BAD_GATEWAY);
        assertEquals(List.of("attempt 502"), bridge.events);
        assertEquals(List.of("skipped body", "apache-httpclient-5 a.test PUT not_retried"), calls);
    }

    @Test
    void aRetryAfterBeyondTheCapGoesToTheAppAtOnce() throws Throwable {
        install(RetryPolicy.DEFAULTS);
        execute(FakeBridge.Request.get("a.test"), new FakeBridge.Response(503, "3600"));
        assertEquals(List.of("attempt 503"), bridge.events);
        assertEquals(List.of("skipped retry_after", "apache-httpclient-5 a.test GET not_retried"), calls);
    }

    @Test
    void aRetryThatFindsItsPooledConnectionClosedRunsAgainOnceWithoutCountingAsAnAttempt() throws Throwable {
        install(RetryPolicy.DEFAULTS);
        org.apache.hc.core5.http.NoHttpResponseException stale =
                new org.apache.hc.core5.http.NoHttpResponseException("The target server failed to respond");
        FakeBridge.Response last = new FakeBridge.Response(502, null);
        assertEquals(last, execute(FakeBridge.Request.get("a.test"), BAD_GATEWAY, stale, BAD_GATEWAY, stale, last));
        assertEquals(List.of("attempt 502", "discard 502", "beforeRetry", "attempt " + stale, "beforeRetry",
                "attempt 502", "discard 502", "beforeRetry", "attempt " + stale, "beforeRetry", "attempt 502"),
                bridge.events);
        assertEquals(List.of("retried 502", "retried 502", "apache-httpclient-5 a.test GET exhausted"), calls);
    }

    @Test
    void aResponseLessCloseAfterAnAbortedConnectionIsTheAttemptsOutcome() {
        install(RetryPolicy.DEFAULTS);
        bridge.pools = false; // the 502's body was too long to read: its connection was dropped, not pooled
        org.apache.hc.core5.http.NoHttpResponseException empty =
                new org.apache.hc.core5.http.NoHttpResponseException("The target server failed to respond");
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(
                org.apache.hc.core5.http.NoHttpResponseException.class,
                () -> execute(FakeBridge.Request.get("a.test"), BAD_GATEWAY, empty));
        assertEquals(empty, thrown);
        assertEquals(List.of("attempt 502", "discard 502", "beforeRetry", "attempt " + empty), bridge.events,
                "on a fresh connection the server read the request: never sent again uncounted");
        assertEquals(List.of("retried 502", "apache-httpclient-5 a.test GET exhausted"), calls);
    }

    @Test
    void aSecondClosedConnectionInARowIsTheAttemptsOutcome() {
        install(RetryPolicy.DEFAULTS);
        java.net.SocketException stale = new java.net.SocketException("Broken pipe");
        java.net.SocketException again = new java.net.SocketException("Broken pipe");
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketException.class,
                () -> execute(FakeBridge.Request.get("a.test"), BAD_GATEWAY, stale, again));
        assertEquals(again, thrown);
        assertEquals("apache-httpclient-5 a.test GET exhausted", calls.get(calls.size() - 1));
    }

    @Test
    void aResetAfterTheServerBeganToAnswerIsTheAttemptsOutcome() {
        install(RetryPolicy.DEFAULTS);
        java.net.SocketException reset = new java.net.SocketException("Connection reset");
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketException.class,
                () -> execute(FakeBridge.Request.get("a.test"), BAD_GATEWAY, reset));
        assertEquals(reset, thrown);
        assertEquals(List.of("attempt 502", "discard 502", "beforeRetry", "attempt " + reset), bridge.events);
    }

    @Test
    void connectFailuresAreRetriedOthersAreNot() {
        install(RetryPolicy.DEFAULTS);
        ConnectException refused = new ConnectException("refused");
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(ConnectException.class,
                () -> execute(FakeBridge.Request.get("a.test"), refused, refused, refused));
        assertEquals(refused, thrown);
        assertEquals(List.of("attempt " + refused, "beforeRetry", "attempt " + refused, "beforeRetry",
                "attempt " + refused), bridge.events);
        calls.clear();
        IOException other = new IOException("unknown");
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> execute(FakeBridge.Request.get("a.test"), other));
        assertEquals(List.of("apache-httpclient-5 a.test GET failed"), calls);
    }

    @Test
    void hostsOutsideTheFilterAreLeftAlone() throws Throwable {
        install(RetryPolicy.builder().hostFilter(HostFilter.of(List.of("*"), List.of("a.test"))).build());
        assertEquals(BAD_GATEWAY, execute(FakeBridge.Request.get("a.test"), BAD_GATEWAY));
        assertEquals(List.of(), calls);
    }

    @Test
    void aCallNestedInsideAnotherIsNotManaged() throws Throwable {
        install(RetryPolicy.DEFAULTS);
        ApacheHooks.enter(WOVEN, null, FakeBridge.Request.get("outer.test"));
        // An interceptor of the outer call calls out: the inner call passes through untouched.
        assertEquals(BAD_GATEWAY, execute(FakeBridge.Request.get("inner.test"), BAD_GATEWAY));
        assertTrue(ApacheHooks.exit(this, BAD_GATEWAY, null), "the outer call is still retried");
        ApacheHooks.enter(WOVEN, null, FakeBridge.Request.get("outer.test"));
        assertFalse(ApacheHooks.exit(this, OK, null));
        assertEquals(List.of("retried 502", "apache-httpclient-5 outer.test GET recovered"), calls);
    }

    @Test
    void anInterruptedWaitEndsTheCallWithTheResponseItHas() throws Throwable {
        install(RetryPolicy.DEFAULTS);
        Thread.currentThread().interrupt();
        try {
            assertEquals(BAD_GATEWAY, execute(FakeBridge.Request.get("a.test"), BAD_GATEWAY));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt stays visible to the app");
        }
        assertEquals(List.of("attempt 502", "discard 502"), bridge.events);
        assertEquals(List.of("retried 502", "apache-httpclient-5 a.test GET exhausted"), calls);
    }

    @Test
    void aFaultyBridgeLeavesTheCallToTheClient() throws Throwable {
        ApacheHooks.install(new ApacheAdapter(engine(RetryPolicy.DEFAULTS)), (wovenClass, bridgeClass) -> {
            throw new IllegalStateException("cannot define");
        });
        // A class the hooks have not seen yet, so that its bridge is made (and fails) here.
        ApacheHooks.enter(FaultyOwner.class, null, FakeBridge.Request.get("a.test"));
        assertFalse(ApacheHooks.exit(this, BAD_GATEWAY, null));
        assertEquals(List.of(), calls);
    }

    @Test
    void healthyCallsAllocateNothing() {
        ApacheHooks.install(new ApacheAdapter(new RetryEngine(RetryPolicy.DEFAULTS, Clock.SYSTEM, () -> 0.0,
                CallListener.NOOP)), (wovenClass, bridgeClass) -> bridge);
        FakeBridge.Request request = new FakeBridge.Request("a.test", 8080, "GET", List.of(), true);
        Runnable calls = () -> {
            for (int i = 0; i < 10_000; i++) {
                ApacheHooks.enter(WOVEN, null, request);
                if (ApacheHooks.exit(this, OK, null)) {
                    throw new AssertionError("a 200 is never retried");
                }
            }
        };
        long allocated = Allocations.afterWarmUp(calls);
        assertTrue(allocated < 1024, allocated + " bytes allocated by 10000 healthy calls");
    }

    private static final class FaultyOwner {
    }
}
