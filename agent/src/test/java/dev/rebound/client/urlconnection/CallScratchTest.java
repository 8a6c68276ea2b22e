package dev.rebound.client.urlconnection;

import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CallScratchTest {
    /** The scratch is the thread's for good: a re-send's trace headers must not outlive its call there. */
    @Test
    void aCallsTraceHeadersAreNotKeptPastTheCall() {
        CallScratch s = new CallScratch();
        s.traceHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        s.traceHeader("tracestate", "vendor=value");
        s.clear();
        for (int i = 0; i < s.traceHeaders.length; i++) {
            assertNull(s.traceHeaders[i], "slot " + i);
        }
    }
}
