package dev.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryEngineTest {
    private final FakeClock clock = new FakeClock(42, 0);
    private final RecordingListener listener = new RecordingListener();

    private RetryEngine engine(RetryPolicy policy) {
        return new RetryEngine(policy, clock, () -> 0.5, listener);
    }

    private RetryEngine engine(RetryRules rules) {
        return new RetryEngine(rules, clock, () -> 0.5, listener);
    }

    @Test
    void guardsArePerAuthority() {
        RetryEngine e = engine(RetryPolicy.DEFAULTS);
        HostGuard a = e.guard("a.test");
        assertSame(a, e.guard("a.test"));
        assertNotSame(a, e.guard("a.test:8080"));
        assertNotSame(a, e.guard("b.test"));
        assertSame(e.guard(null), e.guard(""));
        assertEquals(Arrays.asList("", "a.test", "a.test:8080", "b.test"),
                Arrays.asList(e.circuitStates().keySet().toArray()));
    }

    @Test
    void theGuardMapIsBounded() {
        RetryEngine e = engine(RetryPolicy.DEFAULTS);
        HostGuard first = e.guard("h0");
        for (int i = 1; i <= RetryEngine.MAX_HOSTS; i++) {
            e.guard("h" + i);
        }
        assertEquals(RetryEngine.MAX_HOSTS + 1, e.circuitStates().size());
        assertSame(first, e.guard("h0"));
        e.guard("one-too-many");
        assertEquals(1, e.circuitStates().size());
        assertNotSame(first, e.guard("h0"));
    }

    @Test
    void circuitStatesIsASnapshot() {
        RetryEngine e = engine(RetryPolicy.DEFAULTS);
        e.guard("x");
        Map<String, Boolean> states = e.circuitStates();
        e.guard("y");
        assertEquals(Collections.singletonMap("x", Boolean.FALSE), states);
        assertEquals(2, e.circuitStates().size());
    }

    @Test
    void firstAttemptFinalEndsTheCallOk() {
        RetryEngine e = engine(RetryPolicy.DEFAULTS);
        e.firstAttemptFinal(Client.named("apache-httpclient-5"), "h", "POST", e.guard("h"));
        assertEquals(Arrays.asList("ended apache-httpclient-5 h POST ok"), listener.events);
    }

    @Test
    void firstAttemptFailedEndsTheCallFailedAndIsNoHealthyAnswer() {
        RetryPolicy p = RetryPolicy.builder()
                .guardPolicy(GuardPolicy.builder().circuitFailureThreshold(1).build()).build();
        RetryEngine e = engine(p);
        HostGuard g = e.guard("h");
        g.onAttemptResult(true, false); // one failed retry opens the breaker
        assertTrue(g.circuitOpen());
        e.firstAttemptFailed(Client.named("http-url-connection"), "h", "GET", g);
        assertEquals(Arrays.asList("ended http-url-connection h GET failed"), listener.events);
        assertTrue(g.circuitOpen(), "a first attempt's transport failure is no healthy answer");
        e.firstAttemptFinal(Client.named("http-url-connection"), "h", "GET", g);
        assertFalse(g.circuitOpen(), "a response that is no retry candidate is one");
    }

    @Test
    void delegatesToThePolicy() {
        RetryPolicy p = RetryPolicy.builder()
                .retryOnStatuses(429)
                .retryOnFailures(FailureKind.TIMEOUT)
                .idempotencyHeader("X-Key")
                .hostFilter(HostFilter.of(Arrays.asList("*.svc"), Arrays.asList("*:9000")))
                .build();
        RetryEngine e = engine(p);
        assertSame(p, e.policy());
        assertTrue(e.policy().isRetryable(429));
        assertFalse(e.policy().isRetryable(503));
        assertTrue(e.policy().isRetryable(FailureKind.TIMEOUT));
        assertFalse(e.policy().isRetryable(FailureKind.CONNECT_FAILURE));
        assertTrue(e.policy().methodAllowsRetry("PATCH", true));
        assertFalse(e.policy().methodAllowsRetry("PATCH", false));
        assertEquals("X-Key", e.policy().idempotencyHeader());
        assertTrue(e.enabledFor("a.svc", 80));
        assertFalse(e.enabledFor("a.svc", 9000));
        assertFalse(e.enabledFor("a.com", 80));
        assertEquals(42, e.now());
        clock.advanceNanos(8);
        assertEquals(50, e.now());
    }

    @Test
    void beginTakesTheMethodRuleAtTheStart() {
        RetryEngine e = engine(RetryPolicy.DEFAULTS);
        RetryCall call = e.begin(Client.named("http-url-connection"), "h", "DELETE", e.guard("h"), false, true, e.now());
        assertTrue(call.onStatus(503, null) >= 0);
        assertEquals(Arrays.asList("retried h 503 50000000"), listener.events);
    }

    @Test
    void rejectsMissingCollaborators() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryEngine((RetryPolicy) null, clock, () -> 0.5, listener));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryEngine(RetryPolicy.DEFAULTS, null, () -> 0.5, listener));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryEngine(RetryPolicy.DEFAULTS, clock, null, listener));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryEngine(RetryPolicy.DEFAULTS, clock, () -> 0.5, null));
    }

    @Test
    void anAttemptsStatusOrFailureIsRetryableAsThePolicySays() {
        RetryEngine defaults = new RetryEngine(RetryPolicy.DEFAULTS, clock, () -> 0.5, CallListener.NOOP);
        assertTrue(defaults.policy().isRetryable(502, null));
        assertFalse(defaults.policy().isRetryable(500, null));
        assertFalse(defaults.policy().isRetryable(404, FailureKind.CONNECT_FAILURE), "the status decides");
        assertTrue(defaults.policy().isRetryable(-1, FailureKind.CONNECT_FAILURE));
        assertFalse(defaults.policy().isRetryable(-1, FailureKind.TIMEOUT));
        assertFalse(defaults.policy().isRetryable(-1, null), "an unclassified failure");

        RetryEngine custom = new RetryEngine(RetryPolicy.builder().retryOnStatuses(500)
                .retryOnFailures(FailureKind.TIMEOUT).build(), clock, () -> 0.5, CallListener.NOOP);
        assertTrue(custom.policy().isRetryable(500, null));
        assertFalse(custom.policy().isRetryable(502, null));
        assertTrue(custom.policy().isRetryable(-1, FailureKind.TIMEOUT));
        assertFalse(custom.policy().isRetryable(-1, FailureKind.CONNECT_FAILURE));
    }

    @Test
    void resetsAreResentByReboundOnlyWhenListedAndNotObserving() {
        assertFalse(RetryPolicy.DEFAULTS.resendsResets());
        assertTrue(RetryPolicy.builder().retryOnFailures(FailureKind.RESET).build().resendsResets());
        assertFalse(RetryPolicy.builder().retryOnFailures(FailureKind.RESET).observeOnly(true).build().resendsResets());
    }

    /** The healthy path must not allocate: any per-call object would show as megabytes over this loop. */
    @Test
    void theSuccessPathDoesNotAllocate() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        RetryPolicy p = RetryPolicy.builder()
                .hostFilter(HostFilter.of(Arrays.asList("*.svc", "*:8443"), Arrays.asList("db.*")))
                .build();
        RetryEngine e = new RetryEngine(p, clock, () -> 0.5, CallListener.NOOP);
        e.guard("api.svc:8443");
        int iterations = 200_000;
        runSuccessPath(e, 1_000);
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        long hits = runSuccessPath(e, iterations);
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertEquals(iterations, hits);
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated over " + iterations + " calls");
    }

    private static long runSuccessPath(RetryEngine e, int n) {
        long hits = 0;
        for (int i = 0; i < n; i++) {
            if (e.enabledFor("api.svc", 8443) && !e.policy().isRetryable(200) && !e.policy().isRetryable(FailureKind.RESET)
                    && e.policy().methodAllowsRetry("GET", false)) {
                HostGuard g = e.guard("api.svc:8443");
                e.firstAttemptFinal(Client.named("jdk-http-client"), "api.svc:8443", "GET", g);
                hits++;
            }
        }
        return hits;
    }

    @Test
    void enabledFalsePassesEveryHostThrough() {
        RetryEngine e = engine(RetryPolicy.DEFAULTS);
        e.enable(false);
        assertFalse(e.enabledFor("a.test", 80));
        e.enable(true);
        assertTrue(e.enabledFor("a.test", 80));
    }

    @Test
    void aChangeOfOtherSettingsKeepsEveryHostsGuard() {
        RetryEngine e = engine(RetryPolicy.DEFAULTS);
        HostGuard g = e.guard("h");
        e.reconfigure(RetryPolicy.builder().maxAttempts(2).guardPolicy(GuardPolicy.builder().build()).build());
        assertSame(g, e.guard("h"));
    }

    @Test
    void aChangeOfGuardSettingsKeepsTheHostsStateAndAppliesTheNewNumbers() {
        RetryEngine e = engine(RetryPolicy.builder()
                .guardPolicy(GuardPolicy.builder().circuitFailureThreshold(2).budgetBurst(10).budgetMinPerSecond(0)
                        .budgetRatio(0).build()).build());
        HostGuard open = e.guard("down");
        open.onAttemptResult(true, false);
        open.onAttemptResult(true, false);
        assertTrue(open.circuitOpen());
        HostGuard spent = e.guard("busy");
        for (int i = 0; i < 9; i++) {
            spent.onAttemptResult(true, false);
            spent.onAttemptResult(false, true); // answered in between: the breaker stays closed
        }
        assertEquals(1.0, spent.retryTokens());

        e.reconfigure(RetryPolicy.builder().guardPolicy(GuardPolicy.builder().circuitFailureThreshold(5)
                .budgetBurst(100).budgetMinPerSecond(0).budgetRatio(0).build()).build());
        HostGuard stillOpen = e.guard("down");
        assertNotSame(open, stillOpen);
        assertTrue(stillOpen.circuitOpen(), "a change of settings does not close a breaker");
        HostGuard stillSpent = e.guard("busy");
        assertEquals(1.0, stillSpent.retryTokens(), "nor refill a budget");
        assertSame(stillSpent, e.guard("busy"));
        for (int i = 0; i < 4; i++) {
            stillSpent.onAttemptResult(true, false);
        }
        assertFalse(stillSpent.circuitOpen(), "the new threshold applies: 4 of 5");
        stillSpent.onAttemptResult(true, false);
        assertTrue(stillSpent.circuitOpen());
    }

    @Test
    void aCallBegunBeforeAChangeKeepsItsPolicy() {
        RetryEngine e = engine(RetryPolicy.builder().maxAttempts(3).build());
        RetryCall call = e.begin(Client.named("http-url-connection"), "h", "GET", e.guard("h"), false, true, e.now());
        e.reconfigure(RetryPolicy.builder().maxAttempts(1).build());
        assertTrue(call.onStatus(503, null) >= 0);
        assertTrue(call.onStatus(503, null) >= 0);
        assertEquals(RetryCall.STOP, call.onStatus(503, null));
        assertEquals(1, e.policy().maxAttempts());
    }

    @Test
    void aHostOnlyRulesGuardSettingsReachItsHostAtTheNextCallAfterAChange() {
        GuardPolicy small = GuardPolicy.builder().budgetBurst(3).build();
        GuardPolicy large = GuardPolicy.builder().budgetBurst(30).build();
        RetryEngine e = engine(RetryRules.of(RetryPolicy.DEFAULTS, java.util.List.of(
                new RetryRule("rules.1", "payments.internal", null, null, RetryPolicy.builder().guardPolicy(small).build()))));
        HostGuard payments = e.guard("payments.internal", "payments.internal", 443);
        HostGuard other = e.guard("other.internal", "other.internal", 443);
        assertEquals(small, payments.policy());

        e.reconfigure(RetryRules.of(RetryPolicy.DEFAULTS, java.util.List.of(
                new RetryRule("rules.1", "payments.internal", null, null, RetryPolicy.builder().guardPolicy(large).build()))));
        HostGuard after = e.guard("payments.internal", "payments.internal", 443);
        assertNotSame(payments, after);
        assertEquals(large, after.policy());
        assertSame(other, e.guard("other.internal", "other.internal", 443), "its settings did not change: same guard");
    }
}
