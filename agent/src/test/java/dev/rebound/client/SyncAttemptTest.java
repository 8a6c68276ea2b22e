package dev.rebound.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.engine.CallListener;
import dev.rebound.engine.Client;
import dev.rebound.engine.Clock;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.RetryCall;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.engine.SkipCause;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncAttemptTest {
    private final List<String> ended = new ArrayList<>();

    private RetryEngine engine(RetryPolicy policy) {
        CallListener listener = new CallListener() {
            @Override
            public void callEnded(Client client, String host, String method, Outcome outcome) {
                ended.add(host + " " + outcome.label());
            }

            @Override
            public void retried(Client client, String host, String reason, long delayNanos) {
            }

            @Override
            public void retrySkipped(Client client, String host, SkipCause cause) {
            }
        };
        // No attempt is reported to the engine here, so its clock never matters.
        return new RetryEngine(policy, Clock.SYSTEM, () -> 0.0, listener);
    }

    private RetryCall call(RetryEngine engine) {
        return engine.begin(Client.named("http-url-connection"), "a.test", "GET", engine.guard("a.test"), false, true, 0);
    }

    @Test
    void aDelayIsWaitedAndTheCallGoesOn() {
        CountingScratch s = new CountingScratch();
        assertTrue(SyncAttempt.waitForNext(s, call(engine(RetryPolicy.DEFAULTS)), 0));
        assertEquals(0, s.cleared);
        assertEquals(List.of(), ended);
    }

    @Test
    void aStopEndsTheCallWithoutCancellingIt() {
        CountingScratch s = new CountingScratch();
        assertFalse(SyncAttempt.waitForNext(s, call(engine(RetryPolicy.DEFAULTS)), RetryCall.STOP));
        assertEquals(1, s.cleared);
        assertEquals(List.of(), ended, "the engine ended the call itself when it said stop");
    }

    @Test
    void anInterruptedWaitEndsTheCallInTheEngineAndKeepsTheInterrupt() {
        CountingScratch s = new CountingScratch();
        RetryCall call = call(engine(RetryPolicy.DEFAULTS));
        Thread.currentThread().interrupt();
        boolean goesOn;
        try {
            goesOn = SyncAttempt.waitForNext(s, call, 0);
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt stays visible to the app");
        }
        assertFalse(goesOn);
        assertEquals(1, s.cleared);
        assertEquals(List.of("a.test exhausted"), ended);
    }
}
