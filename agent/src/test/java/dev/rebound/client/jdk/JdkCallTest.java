package dev.rebound.client.jdk;

import dev.rebound.engine.Backoff;
import dev.rebound.engine.CallListener;
import dev.rebound.engine.Client;
import dev.rebound.engine.Clock;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.Jitter;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.engine.SkipCause;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdkCallTest {
    private static final long MS = 1_000_000L;
    private static final URI URI_ = URI.create("http://api.test:8080/items?secret=1");

    private final List<String> events = new ArrayList<>();
    private final ManualDelays delays = new ManualDelays();
    private final List<String> applied = new ArrayList<>();
    private long now = 5_000 * MS;

    @Test
    void aHealthyFirstAttemptReachesTheAppsHandlerAndNothingIsScheduled() throws Exception {
        ScriptedClient client = new ScriptedClient(null);
        CompletableFuture<HttpResponse<Object>> app = start(client, get(), Reply.of(200, "fine"));
        assertEquals("fine", app.get().body());
        assertEquals(List.of("app 200"), applied);
        assertEquals(List.of("ended api.test:8080 GET ok"), events);
        assertEquals(0, delays.waiting());
    }

    @Test
    void a502IsDiscardedAndTheCallIsResentAfterTheBackoff() throws Exception {
        ScriptedClient client = new ScriptedClient(null, Reply.of(200, "fine"));
        CompletableFuture<HttpResponse<Object>> app = start(client, get(), Reply.of(502, "bad gateway"));
        assertFalse(app.isDone());
        assertEquals(List.of(100 * MS), delays.requested);
        assertEquals(0, client.resends(), "nothing is sent before the delay has passed");
        delays.runAll();
        assertEquals("fine", app.get().body());
        assertEquals(1, client.resends());
        assertEquals(List.of("app 200"), applied, "the app's handler sees the final attempt only");
        assertEquals(List.of("retried api.test:8080 502", "ended api.test:8080 GET recovered"), events);
    }

    @Test
    void theResendCarriesTheSameHandlerStandInAndPushHandler() throws Exception {
        ScriptedClient client = new ScriptedClient(null, Reply.of(200, "fine"));
        HttpResponse.PushPromiseHandler<Object> push = (initiating, pushed, acceptor) -> { };
        JdkCall call = adapter(policy()).newCall(client, get(), appHandler(), push);
        CompletableFuture<HttpResponse<Object>> app = attachFirst(call, Reply.of(503, "busy"));
        delays.runAll();
        assertEquals(200, app.get().statusCode());
        assertSame(call, client.handlers.get(0));
        assertSame(push, client.pushHandlers.get(0));
    }

    @Test
    void exhaustedCallsHandTheLastResponseToTheAppWithItsBody() throws Exception {
        ScriptedClient client = new ScriptedClient(null, Reply.of(502, "second"), Reply.of(502, "third"));
        CompletableFuture<HttpResponse<Object>> app = start(client, get(), Reply.of(502, "first"));
        delays.runAll();
        HttpResponse<Object> response = app.get();
        assertEquals(502, response.statusCode());
        assertEquals("third", response.body());
        assertEquals(2, client.resends());
        assertEquals(List.of(100 * MS, 200 * MS), delays.requested);
        assertEquals(List.of("app 502"), applied);
        assertEquals("ended api.test:8080 GET exhausted", events.get(events.size() - 1));
    }

    @Test
    void aPostWithoutKeyIsNotRetriedButWithOneItIs() throws Exception {
        ScriptedClient client = new ScriptedClient(null, Reply.of(200, "created"));
        CompletableFuture<HttpResponse<Object>> plain = start(client, post(false), Reply.of(502, "bad"));
        assertEquals("bad", plain.get().body());
        assertEquals(List.of("skipped api.test:8080 method", "ended api.test:8080 POST not_retried"), events);

        events.clear();
        CompletableFuture<HttpResponse<Object>> keyed = start(client, post(true), Reply.of(502, "bad"));
        delays.runAll();
        assertEquals("created", keyed.get().body());
        assertEquals("ended api.test:8080 POST recovered", events.get(events.size() - 1));
    }

    @Test
    void aBodyThatCannotBeReplayedIsNotRetried() throws Exception {
        HttpRequest.BodyPublisher oneShot = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofString("once"));
        HttpRequest put = HttpRequest.newBuilder(URI_).PUT(oneShot).build();
        CompletableFuture<HttpResponse<Object>> app = start(new ScriptedClient(null), put, Reply.of(503, "busy"));
        assertEquals(503, app.get().statusCode());
        assertEquals(List.of("skipped api.test:8080 body", "ended api.test:8080 PUT not_retried"), events);
    }

    @Test
    void retryAfterSetsTheDelayAndAFarOneHandsTheResponseOver() throws Exception {
        ScriptedClient client = new ScriptedClient(null, Reply.of(200, "later"));
        CompletableFuture<HttpResponse<Object>> app = start(client, get(), Reply.of(503, "busy", "Retry-After", "2"));
        assertEquals(List.of(2_000 * MS), delays.requested);
        delays.runAll();
        assertEquals("later", app.get().body());

        events.clear();
        CompletableFuture<HttpResponse<Object>> far = start(client, get(), Reply.of(503, "busy", "Retry-After", "3600"));
        assertEquals("busy", far.get().body());
        assertEquals(List.of("skipped api.test:8080 retry_after", "ended api.test:8080 GET not_retried"), events);
    }

    @Test
    void aConnectFailureIsRetriedAndTheAppSeesTheSuccess() throws Exception {
        ScriptedClient client = new ScriptedClient(null, Reply.of(200, "up"));
        CompletableFuture<HttpResponse<Object>> app = start(client, get(), new CompletionException(new ConnectException("refused")));
        delays.runAll();
        assertEquals("up", app.get().body());
        assertEquals(List.of("retried api.test:8080 connect-failure", "ended api.test:8080 GET recovered"), events);
    }

    @Test
    void aFailureOutsideRetryOnReachesTheAppAsTheSameThrowable() {
        HttpTimeoutException timeout = new HttpTimeoutException("request timed out");
        CompletionException wrapped = new CompletionException(timeout);
        CompletableFuture<HttpResponse<Object>> app = start(new ScriptedClient(null), get(), wrapped);
        ExecutionException e = assertThrows(ExecutionException.class, app::get);
        assertSame(timeout, e.getCause());
        CompletionException joined = assertThrows(CompletionException.class, app::join);
        assertSame(wrapped, joined);
        assertEquals(List.of("ended api.test:8080 GET failed"), events);
    }

    @Test
    void theLastFailureOfAnExhaustedCallIsTheOneTheAppSees() {
        ConnectException last = new ConnectException("still refused");
        ScriptedClient client = new ScriptedClient(null, new ConnectException("refused again"), last);
        CompletableFuture<HttpResponse<Object>> app = start(client, get(), new ConnectException("refused"));
        delays.runAll();
        ExecutionException e = assertThrows(ExecutionException.class, app::get);
        assertSame(last, e.getCause());
        assertEquals("ended api.test:8080 GET exhausted", events.get(events.size() - 1));
    }

    @Test
    void cancellingDuringTheBackoffSendsNothingMore() {
        ScriptedClient client = new ScriptedClient(null, Reply.of(200, "too late"));
        CompletableFuture<HttpResponse<Object>> app = start(client, get(), Reply.of(502, "bad"));
        assertTrue(app.cancel(true));
        delays.runAll();
        assertEquals(0, client.resends());
        assertTrue(app.isCancelled());
        assertEquals(List.of("retried api.test:8080 502", "ended api.test:8080 GET exhausted"), events);
    }

    @Test
    void cancellingADerivedStageCancelsTheAttemptUnderWayAndTheCall() {
        ScriptedClient client = new ScriptedClient(null, ScriptedClient.PENDING);
        CompletableFuture<HttpResponse<Object>> app = start(client, get(), Reply.of(502, "bad"));
        delays.runAll();
        CompletableFuture<Integer> status = app.thenApply(HttpResponse::statusCode);
        assertTrue(status.cancel(false));
        assertTrue(client.pending.get(0).isCancelled());
        assertTrue(app.isCompletedExceptionally());
        assertThrows(CancellationException.class, app::join);
        assertEquals("ended api.test:8080 GET exhausted", events.get(events.size() - 1));
    }

    @Test
    void cancellingTheFirstAttemptCountsTheCallOnce() {
        CompletableFuture<HttpResponse<Object>> attempt = new CompletableFuture<>();
        JdkCall call = adapter(policy()).newCall(new ScriptedClient(null), get(), appHandler(), null);
        @SuppressWarnings("unchecked")
        CompletableFuture<HttpResponse<Object>> app = (CompletableFuture<HttpResponse<Object>>) call.attach(attempt);
        app.cancel(true);
        assertTrue(attempt.isCancelled());
        assertEquals(List.of("ended api.test:8080 GET failed"), events, "no answer came: never counted ok");
    }

    @Test
    void aFirstAttemptCancelledBeforeItsAnswerLeavesAnOpenBreakerOpen() throws Exception {
        RetryPolicy policy = RetryPolicy.builder().backoff(new Backoff(100 * MS, 1_000 * MS, 2.0, Jitter.NONE))
                .guardPolicy(dev.rebound.engine.GuardPolicy.builder().circuitFailureThreshold(1).build()).build();
        RetryEngine engine = engine(policy);
        JdkClientAdapter adapter = new JdkClientAdapter(engine, delays);
        ScriptedClient client = new ScriptedClient(null, Reply.of(502, "again"));
        CompletableFuture<HttpResponse<Object>> failing =
                attachFirst(adapter.newCall(client, get(), appHandler(), null), Reply.of(502, "bad"));
        delays.runAll();
        assertEquals("again", failing.get().body());
        assertTrue(engine.guard("api.test:8080").circuitOpen(), "one failed retry opened the breaker");

        JdkCall call = adapter.newCall(client, get(), appHandler(), null);
        @SuppressWarnings("unchecked")
        CompletableFuture<HttpResponse<Object>> app =
                (CompletableFuture<HttpResponse<Object>>) call.attach(new CompletableFuture<HttpResponse<Object>>());
        app.cancel(true);
        assertTrue(engine.guard("api.test:8080").circuitOpen(), "a cancel is no healthy answer from the host");
    }

    @Test
    void theClientsExecutorRunsTheResend() throws Exception {
        List<Runnable> tasks = new ArrayList<>();
        ScriptedClient client = new ScriptedClient(tasks::add, Reply.of(200, "fine"));
        CompletableFuture<HttpResponse<Object>> app = start(client, get(), Reply.of(502, "bad"));
        delays.runAll();
        assertEquals(0, client.resends(), "handed to the executor, not sent on the delay thread");
        assertEquals(1, tasks.size());
        tasks.get(0).run();
        assertEquals("fine", app.get().body());
    }

    @Test
    void anExecutorThatRefusesTheResendEndsTheCallWithTheResponseBeingRetried() throws Exception {
        ScriptedClient client = new ScriptedClient(task -> {
            throw new RejectedExecutionException("shut down");
        }, Reply.of(200, "never sent"));
        CompletableFuture<HttpResponse<Object>> app = start(client, get(), Reply.of(502, "bad"));
        delays.runAll();
        HttpResponse<Object> response = app.get();
        assertEquals(502, response.statusCode());
        assertEquals("bad", response.body());
        assertEquals(URI_, response.uri());
        assertEquals(0, client.resends());
        assertEquals(List.of("app 502"), applied, "the app's handler gets the kept body, once");
        assertEquals(List.of("retried api.test:8080 502", "ended api.test:8080 GET exhausted"), events);
    }

    @Test
    void aShutDownExecutorThatDiscardsSilentlyStillEndsTheCall() throws Exception {
        java.util.concurrent.ThreadPoolExecutor executor = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());
        executor.shutdown();
        ScriptedClient client = new ScriptedClient(executor, Reply.of(200, "never sent"));
        CompletableFuture<HttpResponse<Object>> app = start(client, get(), Reply.of(502, "bad"));
        delays.runAll();
        assertTrue(app.isDone(), "not left to a task the executor dropped");
        assertEquals("bad", app.get().body());
        assertEquals(0, client.resends());
    }

    @Test
    void aSendAsyncThatThrowsOrAClosedClientEndsTheCallWithTheResponseBeingRetried() throws Exception {
        Object[] refusals = {
                new ScriptedClient.Throws(new RejectedExecutionException("shut down")),
                new IOException("closed"),
        };
        for (Object refusal : refusals) {
            applied.clear();
            ScriptedClient client = new ScriptedClient(null, Reply.of(502, "second"), refusal);
            CompletableFuture<HttpResponse<Object>> app = start(client, get(), Reply.of(502, "first"));
            delays.runAll();
            HttpResponse<Object> response = app.get();
            assertEquals(502, response.statusCode(), refusal.toString());
            assertEquals("second", response.body(), refusal.toString());
            assertEquals(List.of("app 502"), applied, refusal.toString());
        }
    }

    @Test
    void aResendTheClientAbortsWithItsExecutorsRefusalEndsWithTheResponseBeingRetried() throws Exception {
        ScriptedClient client = new ScriptedClient(null, ScriptedClient.PENDING);
        CompletableFuture<HttpResponse<Object>> app = start(client, get(), Reply.of(503, "busy"));
        delays.runAll();
        assertFalse(app.isDone());
        client.pending.get(0).completeExceptionally(new CompletionException(new RejectedExecutionException("shut down")));
        assertEquals(503, app.get().statusCode());
        assertEquals("busy", app.get().body());
    }

    @Test
    void aRetriedBodyTooLongToKeepLeavesTheRefusalToTheApp() {
        RejectedExecutionException refusal = new RejectedExecutionException("shut down");
        ScriptedClient client = new ScriptedClient(task -> {
            throw refusal;
        });
        CompletableFuture<HttpResponse<Object>> app = start(client, get(), Reply.of(502, "x".repeat(RetriedBody.LIMIT + 1)));
        delays.runAll();
        ExecutionException e = assertThrows(ExecutionException.class, app::get);
        assertSame(refusal, e.getCause());
        assertEquals(List.of(), applied);
    }

    @Test
    void aRefusedResendOfAFailedAttemptEndsTheCallWithThatFailure() {
        ConnectException refused = new ConnectException("refused");
        Object[] refusals = {
                new ScriptedClient.Throws(new RejectedExecutionException("shut down")),
                new CompletionException(new RejectedExecutionException("shut down")),
        };
        for (Object refusal : refusals) {
            events.clear();
            ScriptedClient client = new ScriptedClient(null, refusal);
            CompletableFuture<HttpResponse<Object>> app = start(client, get(), new CompletionException(refused));
            delays.runAll();
            ExecutionException e = assertThrows(ExecutionException.class, app::get, refusal.toString());
            assertSame(refused, e.getCause(), "the app gets what it would without rebound: " + refusal);
            assertEquals(List.of("retried api.test:8080 connect-failure", "ended api.test:8080 GET exhausted"),
                    events, refusal.toString());
        }
        ScriptedClient shutDown = new ScriptedClient(task -> {
            throw new RejectedExecutionException("shut down");
        });
        CompletableFuture<HttpResponse<Object>> app = start(shutDown, get(), new CompletionException(refused));
        delays.runAll();
        assertSame(refused, assertThrows(ExecutionException.class, app::get).getCause());
    }

    @Test
    void aFailureWhoseCausesLoopStillEndsTheCall() {
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.initCause(b);
        CompletionException c1 = new CompletionException("1") { };
        CompletionException c2 = new CompletionException("2", c1);
        c1.initCause(c2);
        ScriptedClient client = new ScriptedClient(null, a);
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            CompletableFuture<HttpResponse<Object>> app = start(client, get(), Reply.of(502, "bad"));
            delays.runAll();
            assertEquals("bad", app.get().body(), "a looping cause is no transport failure: a refusal");
            assertNull(JdkClientAdapter.classify(c1));
        });
    }

    @Test
    void aResendThatFailsInTransportAtOnceIsAnOutcomeNotARefusal() {
        ConnectException refused = new ConnectException("refused");
        ScriptedClient client = new ScriptedClient(null, refused, refused);
        CompletableFuture<HttpResponse<Object>> app = start(client, get(), Reply.of(502, "bad"));
        delays.runAll();
        ExecutionException e = assertThrows(ExecutionException.class, app::get);
        assertSame(refused, e.getCause());
        assertEquals(2, client.resends());
    }

    @Test
    void theFutureCannotBeObtrudedLikeTheJdksOwn() {
        CompletableFuture<HttpResponse<Object>> app = start(new ScriptedClient(null), get(), Reply.of(200, "fine"));
        assertThrows(UnsupportedOperationException.class, () -> app.obtrudeValue(null));
        assertThrows(UnsupportedOperationException.class, () -> app.obtrudeException(new IOException()));
    }

    @Test
    void aResendOfOursGetsItsOwnFutureBack() {
        JdkCall call = adapter(policy()).newCall(new ScriptedClient(null), get(), appHandler(), null);
        CompletableFuture<HttpResponse<Object>> first = new CompletableFuture<>();
        Object app = call.attach(first);
        CompletableFuture<HttpResponse<Object>> resend = new CompletableFuture<>();
        assertSame(resend, call.attach(resend));
        assertInstanceOf(CallFuture.class, app);
    }

    @Test
    void observeModeCountsButHandsTheFirstResponseOver() throws Exception {
        RetryPolicy observe = RetryPolicy.builder().observeOnly(true).build();
        CompletableFuture<HttpResponse<Object>> app =
                attachFirst(adapter(observe).newCall(new ScriptedClient(null), get(), appHandler(), null), Reply.of(502, "bad"));
        assertEquals("bad", app.get().body());
        assertEquals(List.of("skipped api.test:8080 observe", "ended api.test:8080 GET not_retried"), events);
    }

    @Test
    void theJdksOwnResendIsSwitchedOffOnlyWhereReboundResendsResets() {
        RetryPolicy resets = RetryPolicy.builder().retryOnFailures(FailureKind.CONNECT_FAILURE, FailureKind.RESET).build();
        JdkClientAdapter withResets = adapter(resets);
        ScriptedClient client = new ScriptedClient(null);
        assertTrue(withResets.newCall(client, get(), appHandler(), null).resendsResets());
        assertFalse(withResets.newCall(client, post(false), appHandler(), null).resendsResets());
        assertTrue(withResets.newCall(client, post(true), appHandler(), null).resendsResets());
        assertFalse(adapter(policy()).newCall(client, get(), appHandler(), null).resendsResets());
        RetryPolicy observed = RetryPolicy.builder().observeOnly(true)
                .retryOnFailures(FailureKind.CONNECT_FAILURE, FailureKind.RESET).build();
        assertFalse(adapter(observed).newCall(client, get(), appHandler(), null).resendsResets());
    }

    @Test
    void hostsOutsideTheFilterAreLeftAlone() {
        RetryPolicy policy = RetryPolicy.builder()
                .hostFilter(dev.rebound.engine.HostFilter.of(List.of("*"), List.of("api.test:8080"))).build();
        assertNull(adapter(policy).newCall(new ScriptedClient(null), get(), appHandler(), null));
        assertNotNull(adapter(policy).newCall(new ScriptedClient(null),
                HttpRequest.newBuilder(URI.create("http://other.test/")).build(), appHandler(), null));
    }

    @Test
    void failuresAreClassifiedThroughTheFuturesWrapping() {
        assertEquals(FailureKind.CONNECT_FAILURE,
                JdkClientAdapter.classify(new CompletionException(new HttpConnectTimeoutException("HTTP connect timed out"))));
        assertEquals(FailureKind.TIMEOUT, JdkClientAdapter.classify(new HttpTimeoutException("request timed out")));
        assertEquals(FailureKind.CONNECT_FAILURE, JdkClientAdapter.classify(
                new ExecutionException(new CompletionException(new ConnectException()))));
        assertEquals(FailureKind.RESET,
                JdkClientAdapter.classify(new IOException("HTTP/1.1 header parser received no bytes")));
        assertEquals(FailureKind.RESET,
                JdkClientAdapter.classify(new CompletionException(new java.nio.channels.ClosedChannelException())));
        assertEquals(FailureKind.RESET, JdkClientAdapter.classify(new IOException("Connection reset by peer")));
        assertNull(JdkClientAdapter.classify(new CancellationException()));
        assertNull(JdkClientAdapter.classify(new IOException("closed")));
    }

    // ---- helpers

    /** The first attempt as the JDK makes it: the app gets the call's future, then the answer arrives. */
    private CompletableFuture<HttpResponse<Object>> start(ScriptedClient client, HttpRequest request, Object firstOutcome) {
        JdkCall call = adapter(policy()).newCall(client, request, appHandler(), null);
        return attachFirst(call, firstOutcome);
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<HttpResponse<Object>> attachFirst(JdkCall call, Object firstOutcome) {
        CompletableFuture<HttpResponse<Object>> attempt = new CompletableFuture<>();
        CompletableFuture<HttpResponse<Object>> app = (CompletableFuture<HttpResponse<Object>>) call.attach(attempt);
        ScriptedClient.play(firstOutcome, call.request, call).whenComplete((r, t) -> {
            if (t != null) {
                attempt.completeExceptionally(t);
            } else {
                attempt.complete(r);
            }
        });
        return app;
    }

    private JdkClientAdapter adapter(RetryPolicy policy) {
        return new JdkClientAdapter(engine(policy), delays);
    }

    private RetryEngine engine(RetryPolicy policy) {
        Clock clock = new Clock() {
            @Override
            public long nanoTime() {
                return now;
            }

            @Override
            public long currentTimeMillis() {
                return now / MS;
            }
        };
        return new RetryEngine(policy, clock, () -> 0.5, recorder());
    }

    private static RetryPolicy policy() {
        return RetryPolicy.builder().backoff(new Backoff(100 * MS, 1_000 * MS, 2.0, Jitter.NONE)).build();
    }

    private CallListener recorder() {
        return new CallListener() {
            @Override
            public void callEnded(Client client, String host, String method, Outcome outcome) {
                events.add("ended " + host + " " + method + " " + outcome.label());
            }

            @Override
            public void retried(Client client, String host, String reason, long delayNanos) {
                events.add("retried " + host + " " + reason);
            }

            @Override
            public void retrySkipped(Client client, String host, SkipCause cause) {
                events.add("skipped " + host + " " + cause.label());
            }
        };
    }

    /** Like {@code BodyHandlers.ofString()}, recording each time it is asked for a subscriber. */
    private HttpResponse.BodyHandler<Object> appHandler() {
        return info -> {
            applied.add("app " + info.statusCode());
            return HttpResponse.BodySubscribers.mapping(
                    HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), s -> (Object) s);
        };
    }

    private static HttpRequest get() {
        return HttpRequest.newBuilder(URI_).GET().build();
    }

    private static HttpRequest post(boolean withKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI_).POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (withKey) {
            b.header("Idempotency-Key", "k-1");
        }
        return b.build();
    }
}
