package dev.rebound.client.jdk;

import dev.rebound.client.ResendMarks;
import dev.rebound.engine.Backoff;
import dev.rebound.engine.CallListener;
import dev.rebound.engine.Client;
import dev.rebound.engine.Jitter;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.engine.SkipCause;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hooks as the woven {@code HttpClientImpl.sendAsync} calls them, behind another agent that wraps the
 * body handler on the way in (as Datadog's and OpenTelemetry's do): a re-send of rebound's own must be
 * recognised although the handler the hook sees is not the one rebound passed.
 */
class JdkClientHooksTest {
    private static final long MS = 1_000_000L;
    private static final HttpRequest GET = HttpRequest.newBuilder(URI.create("http://api.test:8080/items")).build();

    private final ManualDelays delays = new ManualDelays();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void installHooks() {
        RetryPolicy policy = RetryPolicy.builder().backoff(new Backoff(100 * MS, 1_000 * MS, 2.0, Jitter.NONE)).build();
        JdkClientHooks.install(new JdkClientAdapter(new RetryEngine(policy, dev.rebound.engine.Clock.SYSTEM, () -> 0.5, recorder()), delays));
    }

    @AfterEach
    void uninstallHooks() {
        JdkClientHooks.install((JdkClientAdapter) null);
    }

    @Test
    void aWrappedHandlerOnAResendIsStillTheSameCall() throws Exception {
        WovenClient client = new WovenClient(WovenClient::wrap, many502());
        CompletableFuture<HttpResponse<String>> app = client.sendAsync(GET, HttpResponse.BodyHandlers.ofString());
        delays.runAll();
        HttpResponse<String> response = app.get(5, TimeUnit.SECONDS);
        assertEquals(502, response.statusCode());
        assertEquals("bad 3", response.body(), "the app gets the last attempt's response");
        assertEquals(3, client.resends(), "max-attempts (3) on the wire, whatever wraps the handler");
        assertEquals(List.of("retried 502", "retried 502", "ended exhausted"), events);
        assertNotSame(client.handlers.get(1), client.handlers.get(2), "each re-send was wrapped afresh");
    }

    @Test
    void aWrapperThatRecoversAfterOneRetryEndsTheCallOnce() throws Exception {
        WovenClient client = new WovenClient(WovenClient::wrap, Reply.of(502, "bad 1"), Reply.of(200, "good"));
        CompletableFuture<HttpResponse<String>> app = client.sendAsync(GET, HttpResponse.BodyHandlers.ofString());
        delays.runAll();
        assertEquals("good", app.get(5, TimeUnit.SECONDS).body());
        assertEquals(2, client.resends());
        assertEquals(List.of("retried 502", "ended recovered"), events);
    }

    @Test
    void aCallMadeFromInsideAResendRunsUnmanaged() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> inner = new ArrayList<>();
        boolean[] made = new boolean[1];
        WovenClient[] self = new WovenClient[1];
        // Another agent that makes a call of its own from inside the woven method, on the first re-send.
        WovenClient client = new WovenClient(handler -> {
            if (self[0].resends() == 1 && !made[0]) {
                made[0] = true;
                inner.add(self[0].sendAsync(GET, HttpResponse.BodyHandlers.ofString()));
            }
            return handler;
        }, Reply.of(502, "bad 1"), Reply.of(502, "side call"), Reply.of(200, "good"));
        self[0] = client;
        CompletableFuture<HttpResponse<String>> app = client.sendAsync(GET, HttpResponse.BodyHandlers.ofString());
        delays.runAll();
        assertEquals("good", app.get(5, TimeUnit.SECONDS).body());
        assertEquals(502, inner.get(0).get(5, TimeUnit.SECONDS).statusCode(), "the side call is not retried");
        assertEquals(3, client.resends());
        assertEquals(List.of("retried 502", "ended recovered"), events, "the side call is no call of rebound's");
    }

    @Test
    void aResendThatLeavesItsThreadIsTheCallsLastAttempt() throws Exception {
        List<Runnable> elsewhere = new ArrayList<>();
        // A client proxy that sends later, from elsewhere: the re-send never passes the hook on its own thread.
        WovenClient client = new WovenClient(UnaryOperator.identity(), many502()) {
            @Override
            public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                                    HttpResponse.PushPromiseHandler<T> pushHandler) {
                if (resends() == 0) {
                    return super.sendAsync(request, handler, pushHandler);
                }
                CompletableFuture<HttpResponse<T>> later = new CompletableFuture<>();
                elsewhere.add(() -> super.sendAsync(request, handler, pushHandler).whenComplete((r, t) -> {
                    if (t != null) {
                        later.completeExceptionally(t);
                    } else {
                        later.complete(r);
                    }
                }));
                return later;
            }
        };
        CompletableFuture<HttpResponse<String>> app = client.sendAsync(GET, HttpResponse.BodyHandlers.ofString());
        delays.runAll();
        assertEquals(1, elsewhere.size());
        elsewhere.remove(0).run();
        delays.runAll();
        HttpResponse<String> response = app.get(5, TimeUnit.SECONDS);
        assertEquals("bad 2", response.body(), "the astray attempt's answer goes to the app");
        assertEquals(2, client.resends());
        assertTrue(elsewhere.isEmpty());
        assertEquals(List.of("retried 502", "ended exhausted"), events);
    }

    @Test
    void theJdksOwnResendIsSwitchedOffOnAWrappedResendToo() {
        RetryPolicy resets = RetryPolicy.builder().retryOnFailures(dev.rebound.engine.FailureKind.RESET).build();
        JdkClientAdapter adapter = new JdkClientAdapter(new RetryEngine(resets, dev.rebound.engine.Clock.SYSTEM, () -> 0.5, recorder()), delays);
        JdkCall call = adapter.newCall(new ScriptedClient(null), GET, HttpResponse.BodyHandlers.ofString(), null);
        assertTrue(JdkClientHooks.suppressJdkRetry(call));
        HttpResponse.BodyHandler<Object> wrapped = WovenClient.wrap(call);
        assertFalse(JdkClientHooks.suppressJdkRetry(wrapped), "outside a re-send a wrapper is nobody's");
        ResendMarks.Scope<JdkCall> scope = JdkCall.RESENDS.open(call);
        try {
            JdkClientHooks.install(adapter);
            assertEquals(wrapped, JdkClientHooks.handler(null, new ScriptedClient(null), GET, wrapped, null, (java.util.concurrent.Executor) Runnable::run));
            assertTrue(JdkClientHooks.suppressJdkRetry(wrapped), "inside the re-send the thread's mark names the call");
        } finally {
            assertTrue(JdkCall.RESENDS.close(scope));
        }
    }

    private static Object[] many502() {
        Object[] replies = new Object[20];
        for (int i = 0; i < replies.length; i++) {
            replies[i] = Reply.of(502, "bad " + (i + 1));
        }
        return replies;
    }

    private CallListener recorder() {
        return new CallListener() {
            @Override
            public void callEnded(Client client, String host, String method, Outcome outcome) {
                events.add("ended " + outcome.label());
            }

            @Override
            public void retried(Client client, String host, String reason, long delayNanos) {
                events.add("retried " + reason);
            }

            @Override
            public void retrySkipped(Client client, String host, SkipCause cause) {
                events.add("skipped " + cause.label());
            }
        };
    }

    /**
     * The JDK client as rebound's weave leaves it, with another agent in front: its public
     * {@code sendAsync} lets the other agent replace the handler, then runs what the woven private
     * {@code sendAsync} runs: the entry hook, the exchange (a scripted reply), the return hook.
     */
    static class WovenClient extends ScriptedClient {
        private final UnaryOperator<HttpResponse.BodyHandler<Object>> otherAgent;

        WovenClient(UnaryOperator<HttpResponse.BodyHandler<Object>> otherAgent, Object... outcomes) {
            super(null, outcomes);
            this.otherAgent = otherAgent;
        }

        /** What a tracing agent does to the handler: a new object that delegates to it. */
        static HttpResponse.BodyHandler<Object> wrap(HttpResponse.BodyHandler<Object> handler) {
            return info -> handler.apply(info);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                                HttpResponse.PushPromiseHandler<T> pushHandler) {
            HttpResponse.BodyHandler<Object> seen = otherAgent.apply((HttpResponse.BodyHandler<Object>) (Object) handler);
            Object used = JdkClientHooks.handler(null, this, request, seen, pushHandler,
                    (java.util.concurrent.Executor) Runnable::run); // a sendAsync: only send passes none
            CompletableFuture<HttpResponse<T>> attempt = super.sendAsync(request, (HttpResponse.BodyHandler<T>) used, pushHandler);
            return (CompletableFuture<HttpResponse<T>>) JdkClientHooks.future(attempt, used);
        }
    }
}
