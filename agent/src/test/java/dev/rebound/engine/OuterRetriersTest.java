package dev.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Matching a stack against the outer retriers: prefixes, class#method, and the caller's anchor frame. */
class OuterRetriersTest {

    private static StackTraceElement frame(String type, String method) {
        return new StackTraceElement(type, method, null, -1);
    }

    /** Innermost first, as a stack trace is: the client, the retry loop, the app. */
    private static StackTraceElement[] stack(String retrierClass, String retrierMethod) {
        return new StackTraceElement[] {
                frame("org.apache.http.impl.client.InternalHttpClient", "doExecute"),
                frame(retrierClass, retrierMethod),
                frame("com.example.App", "main")};
    }

    @Test
    void theDefaultsMatchTheLibrariesRetryLoops() {
        OuterRetriers d = OuterRetriers.DEFAULTS;
        assertTrue(d.around(stack("com.amazonaws.http.AmazonHttpClient$RequestExecutor", "executeHelper"), null, null));
        assertTrue(d.around(stack("software.amazon.awssdk.core.internal.http.pipeline.stages.RetryableStage", "execute"), null, null));
        assertTrue(d.around(stack("org.springframework.retry.support.RetryTemplate", "doExecute"), null, null));
        assertTrue(d.around(stack("io.github.resilience4j.retry.Retry", "lambda$decorateCheckedSupplier$3"), null, null));
        assertTrue(d.around(stack("dev.failsafe.internal.RetryPolicyExecutor", "lambda$apply$0"), null, null));
        assertTrue(d.around(stack("org.springframework.cloud.client.loadbalancer.RetryLoadBalancerInterceptor", "intercept"), null, null));
        assertFalse(d.around(stack("io.github.resilience4j.circuitbreaker.CircuitBreaker", "lambda$decorateSupplier$0"), null, null));
        assertFalse(d.around(stack("dev.failsafe.internal.CircuitBreakerExecutor", "lambda$apply$0"), null, null));
        assertFalse(d.around(stack("com.example.Service", "load"), null, null));
    }

    @Test
    void aMethodEntryMatchesThatMethodOfThatClassOnly() {
        OuterRetriers r = OuterRetriers.of(Arrays.asList("com.example.Retry#run"));
        assertTrue(r.around(stack("com.example.Retry", "run"), null, null));
        assertFalse(r.around(stack("com.example.Retry", "other"), null, null));
        assertFalse(r.around(stack("com.example.RetryHelper", "run"), null, null));
    }

    @Test
    void withAnAnchorOnlyTheFramesBelowItCountAndItsAbsenceMatchesNothing() {
        OuterRetriers r = OuterRetriers.of(Arrays.asList("com.example.Retry"));
        StackTraceElement[] waiting = {
                frame("java.util.concurrent.CompletableFuture", "get"),
                frame("jdk.internal.net.http.HttpClientImpl", "send"),
                frame("com.example.Retry", "run")};
        StackTraceElement[] retrierAboveAnchor = {
                frame("com.example.Retry", "run"),
                frame("jdk.internal.net.http.HttpClientImpl", "send"),
                frame("com.example.App", "main")};
        String anchor = "jdk.internal.net.http.HttpClientImpl";
        assertTrue(r.around(waiting, anchor, "send"));
        assertFalse(r.around(retrierAboveAnchor, anchor, "send"));
        assertFalse(r.around(stack("com.example.Retry", "run"), anchor, "send"));
    }

    @Test
    void entriesAreClassNamesPrefixesOrClassHashMethod() {
        assertNull(OuterRetriers.whyBad("com.example.Retry"));
        assertNull(OuterRetriers.whyBad("com.example."));
        assertNull(OuterRetriers.whyBad("com.example.Retry$Inner#lambda$run$0"));
        for (String bad : new String[] {"", ".com", "com..x", "com.example.#run", "com.Retry#", "com.Retry#a.b", "a b"}) {
            assertEquals(true, OuterRetriers.whyBad(bad) != null, bad);
            assertThrows(IllegalArgumentException.class, () -> OuterRetriers.of(Arrays.asList(bad)), bad);
        }
        assertTrue(OuterRetriers.NONE.isEmpty());
        assertFalse(OuterRetriers.NONE.around(stack("com.amazonaws.http.AmazonHttpClient", "execute"), null, null));
    }
}
