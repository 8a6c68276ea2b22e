package dev.rebound.client.apacheasync;

import dev.rebound.client.ResendMarks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.engine.CallListener;
import dev.rebound.engine.Client;
import dev.rebound.engine.Clock;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.engine.SkipCause;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One call driven the way the stand-ins drive it: each attempt's status or failure, then its end; re-sends
 * come back through a bridge that plays the woven entry. The random source is 0, so a backoff is 0 ns and
 * the re-send runs at once on the timer thread.
 */
class AsyncCallTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final FakeBridge bridge = new FakeBridge();

    private ApacheAsyncAdapter adapter() {
        Clock clock = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public long currentTimeMillis() {
                return System.currentTimeMillis();
            }
        };
        CallListener listener = new CallListener() {
            @Override
            public void callEnded(Client client, String host, String method, Outcome outcome) {
                events.add(client.label() + " " + host + " " + method + " " + outcome.label());
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
        return new ApacheAsyncAdapter(new RetryEngine(RetryPolicy.DEFAULTS, clock, () -> 0.0, listener),
                Client.named("apache-httpclient-5-async"));
    }

    private AsyncCall call(String method) {
        AsyncCall call = adapter().newCall(bridge, "client", null, "producer", "consumer", null, "context", "callback");
        call.facts("a.test", 8080, false, method, "/", null);
        return call;
    }

    @Test
    void aFinalFirstAttemptCompletesFutureAndCallbackOnce() throws Exception {
        AsyncCall call = call("GET");
        AsyncAttempt first = call.newAttempt();
        assertSame(call.future, call.attach(first, new CompletableFuture<>()));
        assertFalse(first.retryOnStatus(200, null));
        first.completed("response");
        first.completed("again"); // a stray second report changes nothing

        assertEquals("response", call.future.get());
        assertEquals(List.of("completed response"), bridge.callbacks);
        assertEquals(List.of("apache-httpclient-5-async a.test:8080 GET ok"), events);
    }

    @Test
    void aRetriedAttemptIsResentAndOnlyTheFinalOneReachesTheApp() throws Exception {
        AsyncCall call = call("GET");
        AsyncAttempt first = call.newAttempt();
        call.attach(first, new CompletableFuture<>());
        assertTrue(first.retryOnStatus(502, null));
        first.completed(null); // the discarded response

        AsyncAttempt second = bridge.resent.poll(10, TimeUnit.SECONDS);
        assertFalse(second.first);
        assertFalse(second.retryOnStatus(200, null));
        second.completed("fine");

        assertEquals("fine", call.future.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("completed fine"), bridge.callbacks);
        assertEquals(List.of("retried 502", "apache-httpclient-5-async a.test:8080 GET recovered"), events);
    }

    @Test
    void aFailureJudgedByTheConsumerIsResentOnceWhenTheCallbackHearsItToo() throws Exception {
        AsyncCall call = call("GET");
        AsyncAttempt first = call.newAttempt();
        ConnectException refused = new ConnectException("refused");
        assertTrue(first.retryOnFailure(refused));
        first.failed(refused);
        first.failed(refused);

        AsyncAttempt second = bridge.resent.poll(10, TimeUnit.SECONDS);
        assertFalse(second.retryOnFailure(new java.io.IOException("not a kind rebound retries")));
        java.io.IOException last = new java.io.IOException("last");
        second.failed(last);

        ExecutionException thrown = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> call.future.get(10, TimeUnit.SECONDS));
        assertSame(last, thrown.getCause());
        assertEquals(List.of("failed last"), bridge.callbacks);
        Thread.sleep(100);
        assertTrue(bridge.resent.isEmpty(), "one re-send only");
    }

    @Test
    void aBodyThatCannotBeReplayedIsNeverResent() throws Exception {
        bridge.repeatable = false;
        AsyncCall call = call("PUT");
        AsyncAttempt first = call.newAttempt();
        assertFalse(first.retryOnStatus(502, null));
        first.completed("bad gateway");

        assertEquals("bad gateway", call.future.get());
        assertEquals(List.of("skipped body", "apache-httpclient-5-async a.test:8080 PUT not_retried"), events);
    }

    @Test
    void cancelDuringTheBackoffSendsNothingMoreAndTellsTheCallbackOnce() throws Exception {
        AsyncCall call = call("GET");
        AsyncAttempt first = call.newAttempt();
        call.attach(first, new CompletableFuture<>());
        assertTrue(first.retryOnStatus(503, "1")); // Retry-After: 1 s
        first.completed(null);

        assertTrue(call.future.cancel(true));
        assertFalse(call.future.cancel(true));

        assertTrue(call.future.isCancelled());
        assertEquals(List.of("cancelled"), bridge.callbacks);
        assertEquals(List.of("retried 503", "apache-httpclient-5-async a.test:8080 GET exhausted"), events);
        assertEquals(null, bridge.resent.poll(1500, TimeUnit.MILLISECONDS), "no re-send after the cancel");
    }

    @Test
    void cancellingAnAttemptInFlightCancelsTheClientsFuture() {
        AsyncCall call = call("GET");
        AsyncAttempt first = call.newAttempt();
        CompletableFuture<Object> clients = new CompletableFuture<>();
        call.attach(first, clients);

        assertTrue(call.future.cancel(true));
        first.cancelled(); // what the client's future tells its callback

        assertTrue(clients.isCancelled());
        assertEquals(List.of("cancelled"), bridge.callbacks);
        assertEquals(List.of("apache-httpclient-5-async a.test:8080 GET failed"), events);
    }

    @Test
    void anUnmanagedHostPassesEveryAttemptThrough() throws Exception {
        AsyncCall call = adapter().newCall(bridge, "client", null, "producer", "consumer", null, "context", "callback");
        call.facts(null, -1, false, "GET", null, null);
        AsyncAttempt first = call.newAttempt();
        assertFalse(first.retryOnStatus(502, null));
        first.completed("bad gateway");

        assertEquals("bad gateway", call.future.get());
        assertEquals(List.of(), events);
    }

    /** Plays the library's side: the app's callback, and a re-send that reaches the woven entry. */
    static final class FakeBridge implements AsyncBridge {
        final List<String> callbacks = Collections.synchronizedList(new ArrayList<>());
        final LinkedBlockingQueue<AsyncAttempt> resent = new LinkedBlockingQueue<>();
        volatile boolean repeatable = true;

        @Override
        public void describe(AsyncCall call, Object target, Object producer) {
        }

        @Override
        public boolean hasHeader(Object request, String name) {
            return false;
        }

        @Override
        public boolean repeatable(Object producer) {
            return repeatable;
        }

        @Override
        public Object producerFor(AsyncCall call, Object producer) {
            return producer;
        }

        @Override
        public Object consumerFor(AsyncAttempt attempt, Object consumer) {
            return consumer;
        }

        @Override
        public Object callbackFor(AsyncAttempt attempt) {
            return attempt;
        }

        @Override
        public Future<?> resend(AsyncCall call) {
            ResendMarks.Scope<AsyncCall> scope = AsyncCall.RESENDS.current();
            scope.entered = true;
            AsyncAttempt attempt = call.newAttempt();
            CompletableFuture<Object> future = new CompletableFuture<>();
            Object returned = call.attach(attempt, future);
            assertSame(future, returned);
            resent.add(attempt);
            return future;
        }

        @Override
        public boolean cancelAnswer() {
            return true;
        }

        @Override
        public void completed(Object appCallback, Object result) {
            callbacks.add("completed " + result);
        }

        @Override
        public void failed(Object appCallback, Exception cause) {
            callbacks.add("failed " + cause.getMessage());
        }

        @Override
        public void cancelled(Object appCallback) {
            callbacks.add("cancelled");
        }
    }
}
