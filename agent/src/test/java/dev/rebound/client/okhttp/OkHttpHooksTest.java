package dev.rebound.client.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.engine.Backoff;
import dev.rebound.engine.CallListener;
import dev.rebound.engine.Client;
import dev.rebound.engine.Clock;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.engine.SkipCause;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hooks driven the way the woven OkHttp code drives them: {@code execute()} around runs of the
 * follow-up loop (enter, its returned response, exit) for sync calls, and {@code enqueue} with the
 * stand-in's callbacks for async ones. The random source is 0, so every backoff is 0 ns unless a test
 * sets a fixed one.
 */
class OkHttpHooksTest {
    private static final FakeOkBridge.Response OK = new FakeOkBridge.Response(200, "fine");
    private static final FakeOkBridge.Response BAD_GATEWAY = new FakeOkBridge.Response(502, "bad");

    /** Shared: the hooks keep the bridge of a woven class (here, this test class) for good. */
    private static final FakeOkBridge bridge = new FakeOkBridge();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private void install(RetryPolicy policy) {
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
                calls.add(host + " " + method + " " + outcome.label());
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
        RetryEngine engine = new RetryEngine(policy, clock, () -> 0.0, listener);
        OkHttpHooks.install(new SyncCalls(engine, Client.named("okhttp")), new AsyncCalls(engine, Client.named("okhttp")),
                (wovenClass, bridgeClass) -> bridge);
    }

    @BeforeEach
    void clear() {
        bridge.events.clear();
        bridge.onResend = (clone, standIn) -> { };
    }

    @AfterEach
    void uninstall() {
        OkHttpHooks.install(null, null, null);
    }

    // ---- sync: execute() around the follow-up loop

    /** One sync call as the woven code makes it; each run of the follow-up loop takes the next outcome. */
    private Object execute(FakeOkBridge.Chain chain, boolean insideExecute, Object... outcomes) throws Throwable {
        if (insideExecute) {
            OkHttpHooks.executeEnter(chain.call());
        }
        try {
            int i = 0;
            while (true) {
                OkHttpHooks.enter(OkHttpHooksTest.class, chain);
                Object outcome = outcomes[i++];
                bridge.events.add("run " + (outcome instanceof FakeOkBridge.Response r ? r.status() : outcome));
                Object returned = outcome instanceof Throwable ? null : OkHttpHooks.returned(outcome);
                Throwable thrown = outcome instanceof Throwable t ? t : null;
                if (!OkHttpHooks.exit(this, returned, thrown)) {
                    if (thrown != null) {
                        throw thrown;
                    }
                    return returned;
                }
            }
        } finally {
            if (insideExecute) {
                OkHttpHooks.executeExit(chain.call(), null, null);
            }
        }
    }

    private static FakeOkBridge.Chain chain(FakeOkBridge.Request request) {
        return new FakeOkBridge.Chain(request, new FakeOkBridge.Call(request));
    }

    @Test
    void aSyncCallReRunsTheFollowUpLoopAfterDiscardingTheResponse() throws Throwable {
        install(RetryPolicy.DEFAULTS);
        assertSame(OK, execute(chain(FakeOkBridge.Request.get("a.test")), true, BAD_GATEWAY, OK));
        assertEquals(List.of("run 502", "discard 502", "run 200"), bridge.events);
        assertEquals(List.of("retried 502", "a.test GET recovered"), calls);
    }

    @Test
    void theFollowUpLoopOfAnAsyncCallIsLeftAlone() throws Throwable {
        install(RetryPolicy.DEFAULTS);
        assertSame(BAD_GATEWAY, execute(chain(FakeOkBridge.Request.get("a.test")), false, BAD_GATEWAY));
        assertEquals(List.of("run 502"), bridge.events);
        assertEquals(List.of(), calls);
    }

    @Test
    void exhaustedSyncCallsEndWithTheLastResponseAsItCame() throws Throwable {
        install(RetryPolicy.DEFAULTS);
        FakeOkBridge.Response last = new FakeOkBridge.Response(502, "last");
        assertSame(last, execute(chain(FakeOkBridge.Request.get("a.test")), true, BAD_GATEWAY, BAD_GATEWAY, last));
        assertEquals("a.test GET exhausted", calls.get(calls.size() - 1));
    }

    @Test
    void aOneShotBodyIsNeverRunAgain() throws Throwable {
        install(RetryPolicy.DEFAULTS);
        FakeOkBridge.Request put = new FakeOkBridge.Request("a.test", 80, "PUT", List.of(), false);
        assertSame(BAD_GATEWAY, execute(chain(put), true, BAD_GATEWAY));
        assertEquals(List.of("skipped body", "a.test PUT not_retried"), calls);
    }

    @Test
    void aSecondProceedOfTheAppInTheSameCallIsTheAppsOwnRetry() throws Throwable {
        install(RetryPolicy.DEFAULTS);
        FakeOkBridge.Chain chain = chain(FakeOkBridge.Request.get("a.test"));
        OkHttpHooks.executeEnter(chain.call());
        try {
            assertSame(OK, execute(chain, false, BAD_GATEWAY, OK)); // rebound's: recovered
            assertSame(BAD_GATEWAY, execute(chain, false, BAD_GATEWAY)); // the app interceptor's second proceed()
        } finally {
            OkHttpHooks.executeExit(chain.call(), null, null);
        }
        assertEquals(List.of("run 502", "discard 502", "run 200", "run 502"), bridge.events);
    }

    @Test
    void aCancelDuringTheBackoffEndsTheSyncCallWithTheKeptResponse() throws Throwable {
        install(RetryPolicy.builder().backoff(fixed(2_000)).build());
        FakeOkBridge.Chain chain = chain(FakeOkBridge.Request.get("a.test"));
        Thread canceller = new Thread(() -> {
            sleep(200);
            chain.call().canceled = true;
        });
        canceller.start();
        long start = System.nanoTime();
        Object returned = execute(chain, true, BAD_GATEWAY, OK);
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1_500), "the cancel ends the wait");
        assertEquals(new FakeOkBridge.Response(502, "bad (kept)"), returned);
        assertEquals(List.of("run 502", "discard 502"), bridge.events);
        assertEquals("a.test GET exhausted", calls.get(calls.size() - 1));
    }

    // ---- async: enqueue with the stand-in

    private static AsyncAttempts enqueue(FakeOkBridge.Call call, List<FakeOkBridge.Delivery> app) {
        Object callback = OkHttpHooks.enqueue(OkHttpHooksTest.class, call, app);
        assertFalse(callback == app, "rebound's stand-in takes the app's callback's place");
        return (AsyncAttempts) callback;
    }

    @Test
    void anAsyncRetryIsAReSendOfACloneAndTheAppHearsOnceWithItsOwnCall() throws Exception {
        install(RetryPolicy.DEFAULTS);
        FakeOkBridge.Call call = new FakeOkBridge.Call(FakeOkBridge.Request.get("a.test"));
        List<FakeOkBridge.Delivery> app = new CopyOnWriteArrayList<>();
        bridge.onResend = (clone, standIn) -> {
            try {
                standIn.onResponse(clone, OK);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
        enqueue(call, app).onResponse(call, BAD_GATEWAY);
        waitFor(() -> app.size() == 1);
        assertEquals(List.of(new FakeOkBridge.Delivery(call, OK, null)), app);
        assertEquals(List.of("discard 502", "resend"), bridge.events);
        assertEquals(List.of("retried 502", "a.test GET recovered"), calls);
    }

    @Test
    void anAsyncPostWithoutKeyGoesToTheAppAtOnce() throws Exception {
        install(RetryPolicy.DEFAULTS);
        FakeOkBridge.Call call = new FakeOkBridge.Call(new FakeOkBridge.Request("a.test", 80, "POST", List.of(), true));
        List<FakeOkBridge.Delivery> app = new CopyOnWriteArrayList<>();
        enqueue(call, app).onResponse(call, BAD_GATEWAY);
        assertEquals(List.of(new FakeOkBridge.Delivery(call, BAD_GATEWAY, null)), app);
        assertEquals(List.of(), bridge.events);
    }

    @Test
    void aCancelDuringTheAsyncBackoffSendsNothingMore() throws Exception {
        install(RetryPolicy.builder().backoff(fixed(300)).build());
        FakeOkBridge.Call call = new FakeOkBridge.Call(FakeOkBridge.Request.get("a.test"));
        List<FakeOkBridge.Delivery> app = new CopyOnWriteArrayList<>();
        enqueue(call, app).onResponse(call, BAD_GATEWAY);
        call.canceled = true;
        waitFor(() -> app.size() == 1);
        assertEquals("Canceled", app.get(0).failure().getMessage());
        assertSame(call, app.get(0).call());
        assertEquals(List.of("discard 502", "close 502"), bridge.events);
        assertEquals("a.test GET exhausted", calls.get(calls.size() - 1));
    }

    @Test
    void theAppsCancelEndsACallWaitingForItsRetryAtOnce() throws Exception {
        install(RetryPolicy.builder().backoff(fixed(5_000)).build());
        FakeOkBridge.Call call = new FakeOkBridge.Call(FakeOkBridge.Request.get("a.test"));
        List<FakeOkBridge.Delivery> app = new CopyOnWriteArrayList<>();
        enqueue(call, app).onResponse(call, BAD_GATEWAY);
        long start = System.nanoTime();
        call.canceled = true;
        OkHttpHooks.cancelExit(call, null, null);
        waitFor(() -> app.size() == 1);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "not after the 5 s backoff");
        assertEquals("Canceled", app.get(0).failure().getMessage());
        assertEquals(List.of("discard 502", "close 502"), bridge.events);
    }

    @Test
    void aReSendTheDispatcherRefusesEndsWithTheResponseBeingRetried() throws Exception {
        install(RetryPolicy.DEFAULTS);
        FakeOkBridge.Call call = new FakeOkBridge.Call(FakeOkBridge.Request.get("a.test"));
        List<FakeOkBridge.Delivery> app = new CopyOnWriteArrayList<>();
        bridge.onResend = (clone, standIn) -> {
            InterruptedIOException refused = new InterruptedIOException("executor rejected");
            refused.initCause(new RejectedExecutionException());
            standIn.onFailure(clone, refused);
        };
        enqueue(call, app).onResponse(call, BAD_GATEWAY);
        waitFor(() -> app.size() == 1);
        assertEquals(new FakeOkBridge.Response(502, "bad (kept)"), app.get(0).response());
        assertEquals(List.of("discard 502", "resend"), bridge.events);
    }

    @Test
    void aReSendIsNotWrappedAgain() throws Exception {
        install(RetryPolicy.DEFAULTS);
        FakeOkBridge.Call call = new FakeOkBridge.Call(FakeOkBridge.Request.get("a.test"));
        List<FakeOkBridge.Delivery> app = new CopyOnWriteArrayList<>();
        enqueue(call, app).onResponse(call, BAD_GATEWAY);
        waitFor(() -> bridge.events.contains("resend"));
        assertFalse(bridge.events.contains("re-send wrapped again"), bridge.events::toString);
    }

    private static Backoff fixed(long ms) {
        long nanos = TimeUnit.MILLISECONDS.toNanos(ms);
        return new Backoff(nanos, nanos, 1.0, dev.rebound.engine.Jitter.NONE);
    }

    private static void waitFor(BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out");
            }
            sleep(5);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
