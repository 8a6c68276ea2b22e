package dev.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final long MS = 1_000_000L;

    @Test
    void defaults() {
        RetryPolicy p = RetryPolicy.DEFAULTS;
        assertFalse(p.observeOnly());
        assertEquals(3, p.maxAttempts());
        for (int s = 0; s < 700; s++) {
            assertEquals(s == 502 || s == 503 || s == 504, p.isRetryable(s), "status " + s);
        }
        assertFalse(p.isRetryable(-1));
        assertTrue(p.isRetryable(FailureKind.CONNECT_FAILURE));
        assertFalse(p.isRetryable(FailureKind.RESET));
        assertFalse(p.isRetryable(FailureKind.TIMEOUT));
        assertFalse(p.isRetryable((FailureKind) null));
        for (String m : new String[] {"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"}) {
            assertTrue(p.methodAllowsRetry(m, false), m);
        }
        assertFalse(p.methodAllowsRetry("POST", false));
        assertFalse(p.methodAllowsRetry("PATCH", false));
        assertFalse(p.methodAllowsRetry("get", false));
        assertFalse(p.methodAllowsRetry(null, false));
        assertTrue(p.methodAllowsRetry("POST", true));
        assertEquals("Idempotency-Key", p.idempotencyHeader());
        Backoff b = p.backoff();
        assertEquals(100 * MS, b.initialNanos());
        assertEquals(1000 * MS, b.maxNanos());
        assertEquals(2.0, b.multiplier());
        assertEquals(Jitter.FULL, b.jitter());
        assertEquals(5000 * MS, p.retryAfterMaxNanos());
        assertEquals(10_000 * MS, p.maxElapsedNanos());
        assertSame(HostFilter.ALL, p.hostFilter());
        assertSame(GuardPolicy.DEFAULTS, p.guardPolicy());
    }

    @Test
    void settersReplaceTheirValue() {
        Backoff b = new Backoff(MS, 2 * MS, 1.5, Jitter.NONE);
        RetryPolicy p = RetryPolicy.builder()
                .observeOnly(true)
                .maxAttempts(10)
                .retryOnStatuses(429, 500)
                .retryOnFailures(FailureKind.RESET, FailureKind.TIMEOUT)
                .methodsWithoutKey("get", "Propfind", "GET")
                .idempotencyHeader("X-Request-Id")
                .backoff(b)
                .retryAfterMaxNanos(0)
                .maxElapsedNanos(1)
                .build();
        assertTrue(p.observeOnly());
        assertEquals(10, p.maxAttempts());
        assertTrue(p.isRetryable(429));
        assertTrue(p.isRetryable(500));
        assertFalse(p.isRetryable(503));
        assertFalse(p.isRetryable(FailureKind.CONNECT_FAILURE));
        assertTrue(p.isRetryable(FailureKind.RESET));
        assertTrue(p.methodAllowsRetry("PROPFIND", false));
        assertTrue(p.methodAllowsRetry("GET", false));
        assertFalse(p.methodAllowsRetry("PUT", false));
        assertEquals("X-Request-Id", p.idempotencyHeader());
        assertSame(b, p.backoff());
        assertEquals(0, p.retryAfterMaxNanos());
        assertEquals(1, p.maxElapsedNanos());
    }

    @Test
    void aDisabledKeyHeaderMakesKeysIrrelevant() {
        RetryPolicy p = RetryPolicy.builder().idempotencyHeader("").build();
        assertFalse(p.methodAllowsRetry("POST", true));
        assertTrue(p.methodAllowsRetry("GET", true));
    }

    @Test
    void emptyListsAreAllowed() {
        RetryPolicy p = RetryPolicy.builder().retryOnStatuses().retryOnFailures().methodsWithoutKey().build();
        assertFalse(p.isRetryable(503));
        assertFalse(p.isRetryable(FailureKind.CONNECT_FAILURE));
        assertFalse(p.methodAllowsRetry("GET", false));
        assertTrue(p.methodAllowsRetry("GET", true));
    }

    @Test
    void theBuilderCanBeReusedWithoutChangingBuiltPolicies() {
        RetryPolicy.Builder builder = RetryPolicy.builder().retryOnStatuses(503);
        RetryPolicy first = builder.build();
        builder.retryOnStatuses(429).maxAttempts(5);
        assertTrue(first.isRetryable(503));
        assertFalse(first.isRetryable(429));
        assertEquals(3, first.maxAttempts());
        assertTrue(builder.build().isRetryable(429));
    }

    @Test
    void rejectsBadArgumentsAtTheSetter() {
        RetryPolicy.Builder b = RetryPolicy.builder();
        assertThrows(IllegalArgumentException.class, () -> b.maxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> b.maxAttempts(11));
        assertThrows(IllegalArgumentException.class, () -> b.retryOnStatuses(200));
        assertThrows(IllegalArgumentException.class, () -> b.retryOnStatuses(503, 399));
        assertThrows(IllegalArgumentException.class, () -> b.retryOnStatuses(600));
        assertThrows(IllegalArgumentException.class, () -> b.retryOnStatuses((int[]) null));
        assertThrows(IllegalArgumentException.class, () -> b.retryOnFailures((FailureKind) null));
        assertThrows(IllegalArgumentException.class, () -> b.methodsWithoutKey("POST"));
        assertThrows(IllegalArgumentException.class, () -> b.methodsWithoutKey("GET", "patch"));
        assertThrows(IllegalArgumentException.class, () -> b.methodsWithoutKey("CONNECT"));
        assertThrows(IllegalArgumentException.class, () -> b.methodsWithoutKey("GE T"));
        assertThrows(IllegalArgumentException.class, () -> b.methodsWithoutKey(""));
        assertThrows(IllegalArgumentException.class, () -> b.methodsWithoutKey((String) null));
        assertThrows(IllegalArgumentException.class, () -> b.idempotencyHeader(null));
        assertThrows(IllegalArgumentException.class, () -> b.idempotencyHeader("Idempotency Key"));
        assertThrows(IllegalArgumentException.class, () -> b.idempotencyHeader("Key:"));
        assertThrows(IllegalArgumentException.class, () -> b.backoff(null));
        assertThrows(IllegalArgumentException.class, () -> b.retryAfterMaxNanos(-1));
        assertThrows(IllegalArgumentException.class, () -> b.maxElapsedNanos(0));
        assertThrows(IllegalArgumentException.class, () -> b.hostFilter(null));
        assertThrows(IllegalArgumentException.class, () -> b.guardPolicy(null));
        // A rejected argument leaves the previous value in place.
        RetryPolicy p = b.build();
        assertEquals(3, p.maxAttempts());
        assertTrue(p.isRetryable(502));
        assertTrue(p.methodAllowsRetry("GET", false));
    }

    @Test
    void toStringNamesTheSettingsButIsNotEmpty() {
        String s = RetryPolicy.DEFAULTS.toString();
        assertTrue(s.contains("maxAttempts=3"), s);
        assertTrue(s.contains("[502, 503, 504]"), s);
        assertTrue(s.contains("connect-failure"), s);
    }
}
