package dev.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decision table: each test reports attempts to a call and checks what the engine answered and recorded. */
class RetryCallTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final String HOST = "api.test:8443";
    private static final Client C = Client.named("jdk-http-client");
    /** With FULL jitter and this draw, retry n waits half of min(1s, 100ms * 2^(n-1)). */
    private static final RandomSource HALF = () -> 0.5;

    private FakeClock clock;
    private RecordingListener listener;

    @BeforeEach
    void setUp() {
        long wall = LocalDateTime.of(2025, 3, 1, 12, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        clock = new FakeClock(5_000 * S, wall);
        listener = new RecordingListener();
    }

    private RetryEngine engine(RetryPolicy policy) {
        return new RetryEngine(policy, clock, HALF, listener);
    }

    private RetryCall begin(RetryEngine engine, String method, boolean key, boolean replayable) {
        return engine.begin(C, HOST, method, engine.guard(HOST), key, replayable, engine.now());
    }

    private RetryCall get(RetryEngine engine) {
        return begin(engine, "GET", false, true);
    }

    private void assertEvents(String... expected) {
        assertEquals(Arrays.asList(expected), listener.events);
    }

    private static String ended(String method, Outcome outcome) {
        return "ended " + C.label() + " " + HOST + " " + method + " " + outcome.label();
    }

    private static String retried(String reason, long delay) {
        return "retried " + HOST + " " + reason + " " + delay;
    }

    private static String skipped(SkipCause cause) {
        return "skipped " + HOST + " " + cause.label();
    }

    @Test
    void aRetryThatSucceedsIsRecovered() {
        RetryCall call = get(engine(RetryPolicy.DEFAULTS));
        assertEquals(0, call.attempts());
        assertEquals(50 * MS, call.onStatus(503, null));
        assertEquals(1, call.attempts());
        assertEquals(RetryCall.STOP, call.onStatus(200, null));
        assertEquals(2, call.attempts());
        assertEvents(retried("503", 50 * MS), ended("GET", Outcome.RECOVERED));
    }

    @Test
    void aRetryThatGetsAStatusOutsideRetryOnEndsTheCallToo() {
        RetryCall call = get(engine(RetryPolicy.DEFAULTS));
        assertEquals(50 * MS, call.onStatus(502, null));
        assertEquals(RetryCall.STOP, call.onStatus(500, null));
        assertEvents(retried("502", 50 * MS), ended("GET", Outcome.RECOVERED));
    }

    @Test
    void everyAttemptFailingIsExhaustedWithoutASkipCause() {
        RetryCall call = get(engine(RetryPolicy.DEFAULTS));
        assertEquals(50 * MS, call.onStatus(503, null));
        assertEquals(100 * MS, call.onStatus(504, null));
        assertEquals(RetryCall.STOP, call.onStatus(503, null));
        assertEquals(3, call.attempts());
        assertEvents(retried("503", 50 * MS), retried("504", 100 * MS), ended("GET", Outcome.EXHAUSTED));
    }

    @Test
    void oneAttemptAllowedMeansExhaustedAtOnce() {
        RetryCall call = get(engine(RetryPolicy.builder().maxAttempts(1).build()));
        assertEquals(RetryCall.STOP, call.onStatus(503, null));
        assertEvents(ended("GET", Outcome.EXHAUSTED));
    }

    @Test
    void aFirstAttemptThatIsNotACandidateIsOk() {
        RetryCall call = get(engine(RetryPolicy.DEFAULTS));
        assertEquals(RetryCall.STOP, call.onStatus(404, null));
        assertEvents(ended("GET", Outcome.OK));
    }

    @Test
    void postWithoutAKeyIsNotRetried() {
        RetryCall call = begin(engine(RetryPolicy.DEFAULTS), "POST", false, true);
        assertEquals(RetryCall.STOP, call.onStatus(503, null));
        assertEvents(skipped(SkipCause.METHOD), ended("POST", Outcome.NOT_RETRIED));
    }

    @Test
    void postWithAKeyIsRetried() {
        RetryCall call = begin(engine(RetryPolicy.DEFAULTS), "POST", true, true);
        assertEquals(50 * MS, call.onStatus(503, null));
        assertEquals(RetryCall.STOP, call.onStatus(201, null));
        assertEvents(retried("503", 50 * MS), ended("POST", Outcome.RECOVERED));
    }

    @Test
    void aKeyCountsForNothingWhenTheHeaderIsDisabled() {
        RetryCall call = begin(engine(RetryPolicy.builder().idempotencyHeader("").build()), "POST", true, true);
        assertEquals(RetryCall.STOP, call.onStatus(503, null));
        assertEvents(skipped(SkipCause.METHOD), ended("POST", Outcome.NOT_RETRIED));
    }

    @Test
    void aBodyThatCannotBeReplayedIsNotRetried() {
        RetryCall call = begin(engine(RetryPolicy.DEFAULTS), "PUT", false, false);
        assertEquals(RetryCall.STOP, call.onStatus(503, null));
        assertEvents(skipped(SkipCause.BODY), ended("PUT", Outcome.NOT_RETRIED));
    }

    @Test
    void theMethodRuleComesBeforeTheBodyRule() {
        RetryCall call = begin(engine(RetryPolicy.DEFAULTS), "POST", false, false);
        assertEquals(RetryCall.STOP, call.onStatus(503, null));
        assertEvents(skipped(SkipCause.METHOD), ended("POST", Outcome.NOT_RETRIED));
    }

    @Test
    void resetAndTimeoutOnPostAreNeverRetriedWithoutAKey() {
        RetryPolicy policy = RetryPolicy.builder()
                .retryOnFailures(FailureKind.CONNECT_FAILURE, FailureKind.RESET, FailureKind.TIMEOUT).build();
        for (FailureKind kind : new FailureKind[] {FailureKind.RESET, FailureKind.TIMEOUT}) {
            listener.events.clear();
            RetryCall call = begin(engine(policy), "POST", false, true);
            assertEquals(RetryCall.STOP, call.onFailure(kind), kind.label());
            assertEvents(skipped(SkipCause.METHOD), ended("POST", Outcome.NOT_RETRIED));
        }
    }

    @Test
    void resetAndTimeoutOnGetOrKeyedPostAreRetriedWithTheirLabel() {
        RetryPolicy policy = RetryPolicy.builder().retryOnFailures(FailureKind.RESET, FailureKind.TIMEOUT).build();
        RetryCall call = get(engine(policy));
        assertEquals(50 * MS, call.onFailure(FailureKind.RESET));
        assertEquals(100 * MS, call.onFailure(FailureKind.TIMEOUT));
        assertEquals(RetryCall.STOP, call.onStatus(200, null));
        RetryCall keyed = begin(engine(policy), "POST", true, true);
        assertEquals(50 * MS, keyed.onFailure(FailureKind.TIMEOUT));
        assertEvents(retried("reset", 50 * MS), retried("timeout", 100 * MS), ended("GET", Outcome.RECOVERED),
                retried("timeout", 50 * MS));
    }

    @Test
    void connectFailureIsRetriedByDefault() {
        RetryCall call = get(engine(RetryPolicy.DEFAULTS));
        assertEquals(50 * MS, call.onFailure(FailureKind.CONNECT_FAILURE));
        assertEquals(RetryCall.STOP, call.onStatus(200, null));
        assertEvents(retried("connect-failure", 50 * MS), ended("GET", Outcome.RECOVERED));
    }

    @Test
    void aConnectFailureSentNothingSoAnyMethodWithAnIntactBodyIsRetried() {
        for (String method : new String[] {"POST", "PATCH", "CONNECT"}) {
            listener.events.clear();
            RetryCall call = begin(engine(RetryPolicy.DEFAULTS), method, false, true);
            assertEquals(50 * MS, call.onFailure(FailureKind.CONNECT_FAILURE), method);
            assertEquals(RetryCall.STOP, call.onStatus(201, null), method);
            assertEvents(retried("connect-failure", 50 * MS), ended(method, Outcome.RECOVERED));
        }
    }

    @Test
    void afterAConnectFailureAPostThatReachesTheServerKeepsTheMethodRule() {
        RetryPolicy policy = RetryPolicy.builder().retryOnFailures(FailureKind.CONNECT_FAILURE, FailureKind.RESET).build();
        RetryCall answered = begin(engine(policy), "POST", false, true);
        assertEquals(50 * MS, answered.onFailure(FailureKind.CONNECT_FAILURE));
        assertEquals(RetryCall.STOP, answered.onStatus(502, null));
        RetryCall reset = begin(engine(policy), "POST", false, true);
        assertEquals(50 * MS, reset.onFailure(FailureKind.CONNECT_FAILURE));
        assertEquals(RetryCall.STOP, reset.onFailure(FailureKind.RESET));
        assertEvents(retried("connect-failure", 50 * MS), skipped(SkipCause.METHOD), ended("POST", Outcome.NOT_RETRIED),
                retried("connect-failure", 50 * MS), skipped(SkipCause.METHOD), ended("POST", Outcome.NOT_RETRIED));
    }

    @Test
    void aConnectFailureWithABodyThatIsNotIntactIsNotRetried() {
        RetryCall post = begin(engine(RetryPolicy.DEFAULTS), "POST", false, false);
        assertEquals(RetryCall.STOP, post.onFailure(FailureKind.CONNECT_FAILURE));
        RetryCall put = begin(engine(RetryPolicy.DEFAULTS), "PUT", false, false);
        assertEquals(RetryCall.STOP, put.onFailure(FailureKind.CONNECT_FAILURE));
        assertEvents(skipped(SkipCause.METHOD), ended("POST", Outcome.NOT_RETRIED),
                skipped(SkipCause.BODY), ended("PUT", Outcome.NOT_RETRIED));
    }

    @Test
    void aBodyConsumedAfterARetriedConnectIsNeverSentAgain() {
        RetryCall post = begin(engine(RetryPolicy.DEFAULTS), "POST", false, true);
        assertEquals(50 * MS, post.onFailure(FailureKind.CONNECT_FAILURE));
        post.bodyConsumed();
        assertEquals(RetryCall.STOP, post.onFailure(FailureKind.CONNECT_FAILURE));
        RetryCall put = begin(engine(RetryPolicy.DEFAULTS), "PUT", false, true);
        assertEquals(50 * MS, put.onFailure(FailureKind.CONNECT_FAILURE));
        put.bodyConsumed();
        assertEquals(RetryCall.STOP, put.onStatus(502, null));
        assertEvents(retried("connect-failure", 50 * MS), skipped(SkipCause.METHOD), ended("POST", Outcome.NOT_RETRIED),
                retried("connect-failure", 50 * MS), skipped(SkipCause.BODY), ended("PUT", Outcome.NOT_RETRIED));
    }

    /** Stands in for a retry library's frame on the stack. */
    private static final class FakeRetrier {
        static <T> T execute(java.util.function.Supplier<T> attempt) {
            return attempt.get();
        }
    }

    private static RetryPolicy withFakeRetrier() {
        return RetryPolicy.builder()
                .outerRetriers(OuterRetriers.of(Arrays.asList(FakeRetrier.class.getName() + "#execute"))).build();
    }

    @Test
    void insideAnOuterRetrierACandidateIsLeftToItAndCounted() {
        RetryEngine engine = engine(withFakeRetrier());
        long inside = FakeRetrier.execute(() -> get(engine).onStatus(502, null));
        long failure = FakeRetrier.execute(() -> get(engine).onFailure(FailureKind.CONNECT_FAILURE));
        assertEquals(RetryCall.STOP, inside);
        assertEquals(RetryCall.STOP, failure);
        assertEvents(skipped(SkipCause.OUTER_RETRY), ended("GET", Outcome.NOT_RETRIED),
                skipped(SkipCause.OUTER_RETRY), ended("GET", Outcome.NOT_RETRIED));
    }

    @Test
    void theSameCallOutsideTheRetrierIsRetriedAsEver() {
        RetryEngine engine = engine(withFakeRetrier());
        RetryCall call = get(engine);
        assertEquals(50 * MS, call.onStatus(502, null));
        assertEquals(RetryCall.STOP, call.onStatus(200, null));
        assertEvents(retried("502", 50 * MS), ended("GET", Outcome.RECOVERED));
    }

    @Test
    void theOuterRetrierRuleComesAfterMethodAndBodyAndTakesNoToken() {
        RetryEngine engine = engine(withFakeRetrier());
        FakeRetrier.execute(() -> begin(engine, "POST", false, true).onStatus(502, null));
        FakeRetrier.execute(() -> begin(engine, "PUT", false, false).onStatus(502, null));
        FakeRetrier.execute(() -> get(engine).onStatus(502, null));
        assertEvents(skipped(SkipCause.METHOD), ended("POST", Outcome.NOT_RETRIED),
                skipped(SkipCause.BODY), ended("PUT", Outcome.NOT_RETRIED),
                skipped(SkipCause.OUTER_RETRY), ended("GET", Outcome.NOT_RETRIED));
        RetryCall outside = get(engine);
        assertEquals(50 * MS, outside.onStatus(502, null)); // the budget and breaker were left untouched
    }

    @Test
    void withNoOuterRetriersTheCallInsideIsRetried() {
        RetryEngine engine = engine(RetryPolicy.builder().outerRetriers(OuterRetriers.NONE).build());
        assertEquals(50 * MS, (long) FakeRetrier.execute(() -> get(engine).onStatus(502, null)));
    }

    @Test
    void aCallJudgedOnAnotherThreadLooksAtTheCallersFramesBelowItsAnchor() throws Exception {
        RetryEngine engine = engine(withFakeRetrier());
        java.util.concurrent.CountDownLatch inSend = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch judged = new java.util.concurrent.CountDownLatch(1);
        Thread app = new Thread(() -> FakeRetrier.execute(() -> AnchorFrame.send(inSend, judged)));
        app.start();
        inSend.await();
        String anchor = AnchorFrame.class.getName();
        RetryCall waiting = engine.begin(C, HOST, "GET", engine.guard(HOST), false, true, engine.now(), app, anchor, "send");
        RetryCall gone = engine.begin(C, HOST, "GET", engine.guard(HOST), false, true, engine.now(), app, anchor, "other");
        RetryCall unknown = engine.begin(C, HOST, "GET", engine.guard(HOST), false, true, engine.now(), null, null, null);
        assertEquals(RetryCall.STOP, waiting.onStatus(502, null));
        assertEquals(50 * MS, gone.onStatus(502, null)); // the caller is not in the call's frame: not its retrier
        assertEquals(50 * MS, unknown.onStatus(502, null));
        judged.countDown();
        app.join(10_000);
        assertEvents(skipped(SkipCause.OUTER_RETRY), ended("GET", Outcome.NOT_RETRIED),
                retried("502", 50 * MS), retried("502", 50 * MS));
    }

    /** Stands in for the frame an app's thread waits in while its call is judged elsewhere. */
    private static final class AnchorFrame {
        static Object send(java.util.concurrent.CountDownLatch inSend, java.util.concurrent.CountDownLatch judged) {
            inSend.countDown();
            try {
                judged.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    @Test
    void failuresOutsideRetryOnOrUnclassifiedEndTheCall() {
        RetryCall timeout = get(engine(RetryPolicy.DEFAULTS));
        assertEquals(RetryCall.STOP, timeout.onFailure(FailureKind.TIMEOUT));
        RetryCall unknown = get(engine(RetryPolicy.DEFAULTS));
        assertEquals(RetryCall.STOP, unknown.onFailure(null));
        RetryCall afterRetry = get(engine(RetryPolicy.DEFAULTS));
        assertEquals(50 * MS, afterRetry.onStatus(503, null));
        assertEquals(RetryCall.STOP, afterRetry.onFailure(null));
        // The app gets the exception of the last attempt: a failure, never ok, and after a retry nothing was recovered.
        assertEvents(ended("GET", Outcome.FAILED), ended("GET", Outcome.FAILED), retried("503", 50 * MS),
                ended("GET", Outcome.EXHAUSTED));
    }

    @Test
    void aRetryAfterWithinTheCapIsTheDelay() {
        RetryCall call = get(engine(RetryPolicy.DEFAULTS));
        assertEquals(2 * S, call.onStatus(503, "2"));
        assertEquals(0, call.onStatus(503, "0"));
        assertEvents(retried("503", 2 * S), retried("503", 0));
    }

    @Test
    void aRetryAfterDateIsReadAgainstTheWallClock() {
        RetryCall call = get(engine(RetryPolicy.DEFAULTS));
        assertEquals(3 * S, call.onStatus(503, "Sat, 01 Mar 2025 12:00:03 GMT"));
        assertEvents(retried("503", 3 * S));
    }

    @Test
    void aRetryAfterAboveTheCapIsNotWaitedFor() {
        RetryCall call = get(engine(RetryPolicy.DEFAULTS));
        assertEquals(RetryCall.STOP, call.onStatus(503, "6"));
        assertEvents(skipped(SkipCause.RETRY_AFTER), ended("GET", Outcome.NOT_RETRIED));
    }

    @Test
    void theRetryAfterCapIsInclusive() {
        RetryCall call = get(engine(RetryPolicy.builder().retryAfterMaxNanos(4 * S).build()));
        assertEquals(4 * S, call.onStatus(503, "4"));
        assertEquals(RetryCall.STOP, call.onStatus(503, "5"));
        assertEvents(retried("503", 4 * S), skipped(SkipCause.RETRY_AFTER), ended("GET", Outcome.NOT_RETRIED));
    }

    @Test
    void malformedOrPastRetryAfterFallsBackToTheBackoff() {
        RetryCall call = get(engine(RetryPolicy.DEFAULTS));
        assertEquals(50 * MS, call.onStatus(503, "soon"));
        assertEquals(100 * MS, call.onStatus(503, "Sat, 01 Mar 2025 11:59:00 GMT"));
        assertEvents(retried("503", 50 * MS), retried("503", 100 * MS));
    }

    @Test
    void exhaustionComesBeforeTheRetryAfterCap() {
        RetryCall call = get(engine(RetryPolicy.builder().maxAttempts(2).build()));
        assertEquals(50 * MS, call.onStatus(503, null));
        assertEquals(RetryCall.STOP, call.onStatus(503, "3600"));
        assertEvents(retried("503", 50 * MS), ended("GET", Outcome.EXHAUSTED));
    }

    @Test
    void aRetryThatWouldEndAfterTheDeadlineIsNotSent() {
        RetryEngine engine = engine(RetryPolicy.builder().maxElapsedNanos(S).maxAttempts(10).build());
        RetryCall call = get(engine);
        // Elapsed 950ms + delay 50ms = exactly the deadline: still allowed.
        clock.advanceNanos(950 * MS);
        assertEquals(50 * MS, call.onStatus(503, null));
        // Elapsed 951ms + delay 100ms > 1s.
        clock.advanceNanos(MS);
        assertEquals(RetryCall.STOP, call.onStatus(503, null));
        assertEvents(retried("503", 50 * MS), skipped(SkipCause.DEADLINE), ended("GET", Outcome.NOT_RETRIED));
    }

    @Test
    void theDeadlineAlsoBoundsRetryAfter() {
        RetryCall call = get(engine(RetryPolicy.builder().maxElapsedNanos(2 * S).build()));
        clock.advanceNanos(S);
        assertEquals(RetryCall.STOP, call.onStatus(503, "2"));
        assertEvents(skipped(SkipCause.DEADLINE), ended("GET", Outcome.NOT_RETRIED));
    }

    @Test
    void observeModeRecordsWhatWouldHaveHappened() {
        RetryEngine engine = engine(RetryPolicy.builder().observeOnly(true).build());
        assertEquals(RetryCall.STOP, get(engine).onStatus(503, null));
        assertEquals(RetryCall.STOP, begin(engine, "POST", false, true).onStatus(503, null));
        assertEquals(RetryCall.STOP, get(engine).onStatus(503, "60"));
        assertEvents(skipped(SkipCause.OBSERVE), ended("GET", Outcome.NOT_RETRIED),
                skipped(SkipCause.METHOD), ended("POST", Outcome.NOT_RETRIED),
                skipped(SkipCause.RETRY_AFTER), ended("GET", Outcome.NOT_RETRIED));
    }

    @Test
    void decorrelatedJitterIsFedThePreviousDelay() {
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(4)
                .backoff(new Backoff(100 * MS, 10 * S, 2.0, Jitter.DECORRELATED)).build();
        RetryCall call = get(engine(policy));
        // [100ms, 300ms] at 0.5, then [100ms, 600ms], then [100ms, 1050ms].
        assertEquals(200 * MS, call.onStatus(503, null));
        assertEquals(350 * MS, call.onStatus(503, null));
        assertEquals(575 * MS, call.onStatus(503, null));
    }

    @Test
    void cancellingEndsTheCallOnce() {
        RetryCall call = get(engine(RetryPolicy.DEFAULTS));
        assertEquals(50 * MS, call.onStatus(503, null));
        call.cancelled();
        call.cancelled();
        assertEquals(RetryCall.STOP, call.onStatus(503, null));
        assertEquals(RetryCall.STOP, call.onFailure(FailureKind.CONNECT_FAILURE));
        assertEquals(1, call.attempts());
        assertEvents(retried("503", 50 * MS), ended("GET", Outcome.EXHAUSTED));
    }

    @Test
    void cancellingAnEndedCallRecordsNothingMore() {
        RetryCall call = get(engine(RetryPolicy.DEFAULTS));
        assertEquals(RetryCall.STOP, call.onStatus(200, null));
        call.cancelled();
        assertEvents(ended("GET", Outcome.OK));
    }

    @Test
    void everyPathEndsExactlyOnce() {
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(4).build();
        List<int[]> scripts = Arrays.asList(
                new int[] {200}, new int[] {503, 200}, new int[] {503, 503, 503, 503}, new int[] {502, 404},
                new int[] {504, 504, 200});
        for (int[] script : scripts) {
            listener.events.clear();
            RetryCall call = get(engine(policy));
            int i = 0;
            while (call.onStatus(script[i], null) >= 0) {
                i++;
            }
            assertEquals(script.length, call.attempts());
            assertEquals(1, listener.count("ended"), Arrays.toString(script));
            assertEquals(script.length - 1, listener.count("retried"), Arrays.toString(script));
            assertTrue(listener.events.get(listener.events.size() - 1).startsWith("ended"));
        }
    }
}
