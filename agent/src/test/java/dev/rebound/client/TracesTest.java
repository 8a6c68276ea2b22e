package dev.rebound.client;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * Without a tracing agent in the JVM (none here) rebound's tracing is inert: nothing captured, nothing
 * entered, no span; the agents' classes are never needed. With the real agents: it-tests {@code TracesTest}.
 */
class TracesTest {

    @Test
    void withoutATracingAgentNothingIsCapturedOrMade() {
        assertSame(TraceBridge.NONE, TraceBridge.find());
        assertNull(Traces.capture());
        assertNull(Traces.forResends(null, 502, null));
        assertNull(Traces.enter(null));
        Traces.exit(null);
        assertNull(Traces.startAttempt(null, 1, (name, value) -> {
            throw new AssertionError("no header without a tracing agent");
        }));
        Traces.endAttempt(null, 200, null);
    }
}
