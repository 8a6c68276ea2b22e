package dev.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.testing.Allocations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallStartTest {
    private final FakeClock clock = new FakeClock(0, 0);
    private final RecordingListener listener = new RecordingListener();

    /** A request that records what the engine asked of it. */
    private static final class Request extends CallStart {
        final List<String> asked = new ArrayList<>();
        boolean keyed;
        boolean replayable = true;

        @Override
        protected boolean hasHeader(String name) {
            asked.add("header " + name);
            return keyed;
        }

        @Override
        protected boolean bodyReplayable() {
            asked.add("body");
            return replayable;
        }

        RetryCall ended(int status, FailureKind kind) {
            return firstAttemptEnded(status, kind);
        }
    }

    private RetryEngine engine(RetryPolicy policy) {
        return new RetryEngine(policy, clock, () -> 0.0, listener);
    }

    private Request started(RetryEngine engine, String method) {
        Request r = new Request();
        r.start(engine, Client.named("http-url-connection"), "h:8080", method);
        return r;
    }

    @Test
    void aFirstAttemptThatIsNoCandidateIsTheWholeCallAndTheRequestIsNotAsked() {
        RetryEngine e = engine(RetryPolicy.DEFAULTS);
        Request answered = started(e, "GET");
        assertNull(answered.ended(404, null));
        Request failed = started(e, "GET");
        assertNull(failed.ended(-1, FailureKind.TIMEOUT));
        assertEquals(Arrays.asList("ended http-url-connection h:8080 GET ok",
                "ended http-url-connection h:8080 GET failed"), listener.events);
        assertEquals(List.of(), answered.asked, "nothing about the request is read on a call that ends at once");
        assertEquals(List.of(), failed.asked);
    }

    @Test
    void aCandidateOpensTheCallWithTheRequestsKeyAndBody() {
        RetryEngine e = engine(RetryPolicy.DEFAULTS);
        Request post = started(e, "POST");
        post.keyed = true;
        RetryCall call = post.ended(503, null);
        assertNotNull(call);
        assertEquals(List.of("header Idempotency-Key", "body"), post.asked);
        assertEquals(0, call.onStatus(503, null), "a keyed POST is retried");

        Request unkeyed = started(e, "POST");
        RetryCall refused = unkeyed.ended(503, null);
        assertEquals(RetryCall.STOP, refused.onStatus(503, null));
        assertTrue(listener.events.contains("skipped h:8080 method"), listener.events.toString());

        Request stream = started(e, "PUT");
        stream.replayable = false;
        assertEquals(RetryCall.STOP, stream.ended(503, null).onStatus(503, null));
        assertTrue(listener.events.contains("skipped h:8080 body"), listener.events.toString());
    }

    @Test
    void anUnjudgedEndIsAFailedCall() {
        Request r = started(engine(RetryPolicy.DEFAULTS), "GET");
        r.endedUnjudged();
        assertEquals(List.of("ended http-url-connection h:8080 GET failed"), listener.events);
    }

    @Test
    void resendsResetsOnlyForACallRetriedAfterAReset() {
        RetryEngine resets = engine(RetryPolicy.builder()
                .retryOnFailures(FailureKind.CONNECT_FAILURE, FailureKind.RESET).build());
        assertTrue(started(resets, "GET").resendsResets());
        assertFalse(started(resets, "POST").resendsResets());
        Request keyed = started(resets, "POST");
        keyed.keyed = true;
        assertTrue(keyed.resendsResets());
        Request stream = started(resets, "PUT");
        stream.replayable = false;
        assertFalse(stream.resendsResets());
        assertFalse(started(engine(RetryPolicy.DEFAULTS), "GET").resendsResets(), "resets are not retried by default");
    }

    @Test
    void mayResendKeepsMaxAttempts() {
        Request r = started(engine(RetryPolicy.builder().maxAttempts(2).build()), "GET");
        assertTrue(r.mayResend(1));
        assertFalse(r.mayResend(2));
    }

    @Test
    void aHealthyCallAllocatesNothing() {
        Request r = new Request();
        // A listener that keeps nothing: only what the step itself allocates is counted.
        RetryEngine quiet = new RetryEngine(RetryPolicy.DEFAULTS, clock, () -> 0.0, CallListener.NOOP);
        Runnable quietCalls = () -> {
            for (int i = 0; i < 10_000; i++) {
                r.start(quiet, Client.named("http-url-connection"), "h:8080", "GET");
                if (r.ended(200, null) != null) {
                    throw new AssertionError("a 200 opened a retry call");
                }
                r.forget();
            }
        };
        long allocated = Allocations.afterWarmUp(quietCalls);
        assertTrue(allocated < 1024, allocated + " bytes allocated by 10000 healthy calls");
    }

    @Test
    void aCallKeepsThePolicyItStartedWithWhateverChangesMeanwhile() {
        RetryPolicy observe = RetryPolicy.builder().observeOnly(true).maxAttempts(3).retryOnStatuses(502).build();
        RetryPolicy retry = RetryPolicy.builder().maxAttempts(2).retryOnStatuses(503).build();
        RetryEngine e = engine(observe);
        Request before = started(e, "GET");
        e.reconfigure(retry);
        Request after = started(e, "GET");

        RetryCall old = before.ended(502, null);
        assertNotNull(old, "502 is retryable under the policy the call started with");
        assertTrue(before.mayResend(2), "and up to its 3 attempts");
        assertEquals(RetryCall.STOP, old.onStatus(502, null));
        assertNull(after.ended(502, null), "not under the new one");
        assertFalse(after.mayResend(2));
        assertEquals(Arrays.asList("skipped h:8080 observe", "ended http-url-connection h:8080 GET not_retried",
                "ended http-url-connection h:8080 GET ok"), listener.events);
    }

    @Test
    void aHealthyCallAfterAChangeOfGuardSettingsAllocatesNothing() {
        Request r = new Request();
        RetryEngine quiet = new RetryEngine(RetryPolicy.DEFAULTS, clock, () -> 0.0, CallListener.NOOP);
        r.start(quiet, Client.named("http-url-connection"), "h:8080", "GET");
        r.ended(200, null);
        r.forget();
        quiet.reconfigure(RetryPolicy.builder().guardPolicy(GuardPolicy.builder().budgetBurst(7).build()).build());
        Runnable quietCalls = () -> {
            for (int i = 0; i < 10_000; i++) {
                r.start(quiet, Client.named("http-url-connection"), "h:8080", "GET");
                if (r.ended(200, null) != null) {
                    throw new AssertionError("a 200 opened a retry call");
                }
                r.forget();
            }
        };
        long allocated = Allocations.afterWarmUp(quietCalls);
        assertTrue(allocated < 1024, allocated + " bytes allocated by 10000 healthy calls");
    }
}
