package dev.rebound.metrics;

import dev.rebound.engine.Client;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LabelMappingTest {

    @ParameterizedTest
    @CsvSource({"GET,GET", "HEAD,HEAD", "POST,POST", "PUT,PUT", "DELETE,DELETE", "PATCH,PATCH",
            "OPTIONS,OPTIONS", "TRACE,TRACE", "get,other", "PROPFIND,other", "CONNECT,other", "'',other",
            "'GET ',other"})
    void mapsMethodsToAFixedSet(String method, String label) {
        assertEquals(label, methodLabelOf(method));
    }

    @ParameterizedTest
    @CsvSource({"502,502", "503,503", "100,100", "599,599", "429,429", "099,other", "600,other", "5O2,other",
            "50,other", "5020,other", "'',other", "connect-failure,connect-failure", "reset,reset",
            "timeout,timeout", "Timeout,other", "banana,other"})
    void mapsRetryReasonsToStatusesAndFailureKinds(String reason, String label) {
        assertEquals(label, reasonLabelOf(reason));
    }

    @org.junit.jupiter.api.Test
    void nullMethodAndReasonAreOther() {
        assertEquals("other", methodLabelOf(null));
        assertEquals("other", reasonLabelOf(null));
    }

    @org.junit.jupiter.api.Test
    void everyFailureKindHasItsOwnReason() {
        for (FailureKind kind : FailureKind.values()) {
            assertEquals(kind.label(), reasonLabelOf(kind.label()));
        }
    }

    private static String methodLabelOf(String method) {
        MetricsRegistry registry = new MetricsRegistry(1);
        registry.callEnded(Client.named("http-url-connection"), "h", method, Outcome.OK);
        return registry.snapshot().get(0).label("method");
    }

    private static String reasonLabelOf(String reason) {
        MetricsRegistry registry = new MetricsRegistry(1);
        registry.retried(Client.named("http-url-connection"), "h", reason, 0);
        return registry.snapshot().get(0).label("reason");
    }
}
