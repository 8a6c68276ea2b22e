package dev.rebound.bench.resilience;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FailureScriptTest {

    @Test
    void transientFailuresAreAPureFunctionOfSeedCallAndAttempt() {
        FailureScript a = FailureScript.transient502(42, 0.2);
        FailureScript b = FailureScript.transient502(42, 0.2);
        int differentSeed = 0;
        FailureScript other = FailureScript.transient502(43, 0.2);
        for (long call = 0; call < 2000; call++) {
            for (int attempt = 0; attempt < 3; attempt++) {
                assertEquals(a.reply(call, attempt, 0).status(), b.reply(call, attempt, 999).status());
                if (a.reply(call, attempt, 0).status() != other.reply(call, attempt, 0).status()) {
                    differentSeed++;
                }
            }
        }
        assertNotEquals(0, differentSeed, "another seed must give other failures");
    }

    @Test
    void transientFailureRateIsTheProbabilityAsked() {
        FailureScript s = FailureScript.transient502(7, 0.2);
        int failures = 0;
        int n = 200_000;
        for (long call = 0; call < n; call++) {
            if (s.reply(call, (int) (call % 5), 0).status() == 502) {
                failures++;
            }
        }
        assertEquals(0.2, failures / (double) n, 0.005);
    }

    @Test
    void outageCoversExactlyItsWindow() {
        FailureScript s = FailureScript.outage(1_000, 2_000);
        assertEquals(200, s.reply(1, 0, 999).status());
        assertEquals(502, s.reply(1, 0, 1_000).status());
        assertEquals(502, s.reply(1, 3, 1_999).status());
        assertEquals(200, s.reply(1, 0, 2_000).status());
    }

    @Test
    void unavailableCarriesRetryAfter() {
        FailureScript.Reply r = FailureScript.unavailable(3600).reply(5, 0, 0);
        assertEquals(503, r.status());
        assertEquals("3600", r.retryAfter());
        assertNull(FailureScript.Reply.OK.retryAfter());
    }

    @Test
    void failOnceFailsExactlyTheFirstAttempt() {
        FailureScript s = FailureScript.failOnce();
        for (long call = 0; call < 100; call++) {
            assertEquals(502, s.reply(call, 0, call).status());
            assertEquals(200, s.reply(call, 1, call).status());
            assertEquals(200, s.reply(call, 2, call).status());
        }
    }

    @Test
    void partialFailsEverythingThenAFifthThenNothing() {
        long s1 = 5_000_000_000L;
        FailureScript s = FailureScript.partial(42, s1, 4 * s1, 0.2);
        int failed = 0;
        for (long call = 0; call < 5000; call++) {
            assertEquals(502, s.reply(call, 0, s1 - 1).status());
            assertEquals(200, s.reply(call, 0, 4 * s1).status());
            if (s.reply(call, 0, 2 * s1).status() == 502) {
                failed++;
            }
        }
        assertEquals(0.2, failed / 5000.0, 0.02);
    }
}
