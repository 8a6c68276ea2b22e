package dev.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.testing.Allocations;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryRulesTest {
    private static final RetryPolicy TWO = RetryPolicy.builder().maxAttempts(2).build();
    private static final RetryPolicy ONE = RetryPolicy.builder().maxAttempts(1).build();
    private static final RetryPolicy LONG_WAIT = RetryPolicy.builder().retryAfterMaxNanos(30_000_000_000L).build();
    private static final RetryPolicy FOUR = RetryPolicy.builder().maxAttempts(4).build();

    private final RetryRules rules = RetryRules.of(RetryPolicy.DEFAULTS, List.of(
            new RetryRule("rules.1", "payments.internal", null, null, TWO),
            new RetryRule("rules.2", "*.cdn.example.com", null, null, ONE),
            new RetryRule("rules.3", null, "/batch/", new String[] {"GET", "PUT"}, LONG_WAIT),
            new RetryRule("rules.4", "*:8443", "/", null, FOUR)));

    private RetryPolicy of(String host, int port, String method, String target) {
        return rules.policyFor(host, port, method, target);
    }

    @Test
    void theFirstMatchingRuleWinsElseTheTopLevelPolicy() {
        assertSame(TWO, of("payments.internal", 443, "GET", "/batch/1"), "rule 1 comes before rule 3");
        assertSame(TWO, of("PAYMENTS.internal", 80, "POST", null), "hosts compare ignoring case");
        assertSame(ONE, of("img.cdn.example.com", 80, "GET", "/x"));
        assertSame(LONG_WAIT, of("api.example.com", 80, "GET", "/batch/7?page=2"));
        assertSame(LONG_WAIT, of("api.example.com", 80, "PUT", "http://api.example.com/batch/"));
        assertSame(RetryPolicy.DEFAULTS, of("api.example.com", 80, "DELETE", "/batch/7"), "method not listed");
        assertSame(RetryPolicy.DEFAULTS, of("api.example.com", 80, "GET", "/batch"), "a prefix, not a segment");
        assertSame(RetryPolicy.DEFAULTS, of("api.example.com", 80, "GET", "/Batch/1"), "case-sensitive, as sent");
        assertSame(FOUR, of("api.example.com", 8443, "GET", null), "no path: the path is /");
        assertSame(RetryPolicy.DEFAULTS, of("api.example.com", -1, "GET", "/"), "a rule naming a port needs the port");
    }

    @Test
    void aPathPrefixNeverReachesIntoTheQueryOrTheAuthority() {
        RetryRules r = RetryRules.of(RetryPolicy.DEFAULTS, List.of(new RetryRule("rules.1", null, "/batch", null, TWO)));
        assertSame(RetryPolicy.DEFAULTS, r.policyFor("h", 80, "GET", "/x?next=/batch"));
        String absolute = "http://batch.example/batch?x";
        assertSame(TWO, r.policyFor("h", 80, "GET", absolute));
        String noPath = "http://h/?/batch";
        assertEquals(8, RequestPath.start(noPath), "the path is /, the query follows");
        assertSame(RetryPolicy.DEFAULTS, r.policyFor("h", 80, "GET", noPath));
    }

    @Test
    void requestPathStartFindsThePathInPlace() {
        assertEquals(0, RequestPath.start("/a?b"));
        assertEquals(17, RequestPath.start("https://h.example/a/b"));
        assertEquals(14, RequestPath.start("http://[::1]:8/a"));
        assertEquals(-1, RequestPath.start("http://h.example"));
        assertEquals(-1, RequestPath.start("http://h.example?q=/x"));
        assertEquals(-1, RequestPath.start("*"));
        assertEquals(-1, RequestPath.start(""));
        assertEquals(-1, RequestPath.start(null));
    }

    @Test
    void theGuardSettingsComeFromTheFirstHostOnlyRuleMatchingTheHost() {
        RetryPolicy smallBudget = RetryPolicy.builder().guardPolicy(GuardPolicy.builder().budgetBurst(3).build()).build();
        RetryPolicy pathRule = RetryPolicy.builder().guardPolicy(GuardPolicy.builder().budgetBurst(7).build()).build();
        RetryRules r = RetryRules.of(RetryPolicy.DEFAULTS, List.of(
                new RetryRule("rules.1", "a.example", "/x", null, pathRule),
                new RetryRule("rules.2", "*.example", null, null, smallBudget)));
        assertEquals(3, r.guardPolicyFor("a.example", 80).budgetBurst(), "a rule with a path sets no guard");
        assertEquals(GuardPolicy.DEFAULTS.budgetBurst(), r.guardPolicyFor("other.test", 80).budgetBurst());
        RetryEngine engine = new RetryEngine(r, new FakeClock(0, 0), () -> 0.0, CallListener.NOOP);
        assertEquals(3.0, engine.guard("b.example:8080").retryTokens(), "host and port read from the authority");
        assertEquals(3.0, engine.guard("c.example", "c.example", 443).retryTokens());
    }

    @Test
    void theUsualGlobShapesMatchAsTheGeneralOnesDo() {
        assertTrue(HostGlob.parse("api.example.com").matches("API.Example.com", 80));
        assertFalse(HostGlob.parse("api.example.com").matches("xapi.example.com", 80));
        assertTrue(HostGlob.parse("*.example.com").matches("a.b.EXAMPLE.com", 80));
        assertFalse(HostGlob.parse("*.example.com").matches("example.com", 80), "the dot is part of the suffix");
        assertTrue(HostGlob.parse("*example.com").matches("example.com", 80));
        assertTrue(HostGlob.parse("*").matches("anything", -1));
        assertTrue(HostGlob.parse("api.example.com:8443").matches("api.example.com", 8443));
        assertFalse(HostGlob.parse("api.example.com:8443").matches("api.example.com", 443));
        assertFalse(HostGlob.parse("api.example.com:8443").matches("api.example.com", -1));
        assertTrue(HostGlob.parse("api-?.example.*:84*").matches("api-7.example.org", 8443), "the general loop");
        assertFalse(HostGlob.parse("api-?.example.*:84*").matches("api-77.example.org", 8443));
    }

    @Test
    void aRuleRefusesWhatItCouldNotMatch() {
        assertThrows(IllegalArgumentException.class, () -> new RetryRule("r", "a b", null, null, TWO));
        assertThrows(IllegalArgumentException.class, () -> new RetryRule("r", null, "batch", null, TWO));
        assertThrows(IllegalArgumentException.class, () -> new RetryRule("r", null, "/a?b", null, TWO));
        assertThrows(IllegalArgumentException.class, () -> new RetryRule("r", null, null, new String[] {"G T"}, TWO));
        assertFalse(RetryRule.isPathPrefix("/a b"));
        assertTrue(RetryRule.isPathPrefix("/"));
    }

    @Test
    void aCallKeepsThePolicyChosenAtItsStartForAllItsAttempts() {
        RecordingListener listener = new RecordingListener();
        RetryEngine engine = new RetryEngine(rules, new FakeClock(0, 0), () -> 0.0, listener);
        CallStart payments = new CallStart() {
            @Override
            protected boolean hasHeader(String name) {
                return false;
            }

            @Override
            protected boolean bodyReplayable() {
                return true;
            }
        };
        payments.start(engine, Client.named("http-url-connection"), "payments.internal", "GET",
                "payments.internal", 80, "/pay");
        assertTrue(payments.mayResend(1));
        assertFalse(payments.mayResend(2), "rule 1: two attempts");
        RetryCall call = payments.firstAttemptEnded(502, null);
        assertNotNull(call);
        assertEquals(0, call.onStatus(502, null));
        assertEquals(RetryCall.STOP, call.onStatus(502, null), "exhausted after rule 1's two attempts");
        assertTrue(listener.events.contains("ended http-url-connection payments.internal GET exhausted"),
                listener.events.toString());
    }

    @Test
    void aRulesIdempotencyHeaderIsTheOneLookedFor() {
        RetryPolicy keyed = RetryPolicy.builder().idempotencyHeader("X-Request-Key").build();
        RetryRules r = RetryRules.of(RetryPolicy.DEFAULTS,
                List.of(new RetryRule("rules.1", "pay.test", null, new String[] {"POST"}, keyed)));
        RetryEngine engine = new RetryEngine(r, new FakeClock(0, 0), () -> 0.0, new RecordingListener());
        List<String> asked = new ArrayList<>();
        CallStart post = new CallStart() {
            @Override
            protected boolean hasHeader(String name) {
                asked.add(name);
                return name.equals("X-Request-Key");
            }

            @Override
            protected boolean bodyReplayable() {
                return true;
            }
        };
        post.start(engine, Client.named("okhttp"), "pay.test", "POST", "pay.test", 443, "https://pay.test/charge");
        assertEquals(0, post.firstAttemptEnded(503, null).onStatus(503, null), "a keyed POST under the rule is retried");
        post.start(engine, Client.named("okhttp"), "other.test", "POST", "other.test", 443, "/charge");
        assertEquals(RetryCall.STOP, post.firstAttemptEnded(503, null).onStatus(503, null),
                "elsewhere the top-level header, which the request lacks");
        assertEquals(List.of("X-Request-Key", "Idempotency-Key"), asked);
    }

    @Test
    void aHealthyCallAmongFiftyRulesAllocatesNothing() {
        List<RetryRule> fifty = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            fifty.add(new RetryRule("rules." + i, "host-" + i + ".internal", i % 2 == 0 ? "/api/v" + i + "/" : null,
                    i % 3 == 0 ? new String[] {"PUT"} : null, TWO));
        }
        // The last rule matches: every call scans all fifty before it.
        fifty.add(new RetryRule("rules.51", "*.example.com", "/api/", new String[] {"GET"}, FOUR));
        RetryEngine engine = new RetryEngine(RetryRules.of(RetryPolicy.DEFAULTS, fifty), new FakeClock(0, 0),
                () -> 0.0, CallListener.NOOP);
        // Copies, not literals: the clients pass strings from the request.
        String host = new String("api.example.com".toCharArray());
        String authority = new String("api.example.com".toCharArray());
        String method = new String("GET".toCharArray());
        String target = new String("https://api.example.com/api/v2/items?page=3".toCharArray());
        CallStart r = new CallStart() {
            @Override
            protected boolean hasHeader(String name) {
                return false;
            }

            @Override
            protected boolean bodyReplayable() {
                return true;
            }
        };
        Runnable calls = () -> {
            for (int i = 0; i < 10_000; i++) {
                r.start(engine, Client.named("okhttp"), authority, method, host, 443, target);
                if (r.firstAttemptEnded(200, null) != null || r.mayResend(4)) {
                    throw new AssertionError("not rule 51's healthy call");
                }
                r.forget();
            }
        };
        long allocated = Allocations.afterWarmUp(calls);
        assertTrue(allocated < 1024, allocated + " bytes allocated by 10000 healthy calls among 51 rules");
    }
}
