package dev.rebound.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.testing.Allocations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CallDepthTest {
    private static CallDepth<CountingScratch> calls(String label) {
        return new CallDepth<CountingScratch>(label) {
            @Override
            protected CountingScratch newScratch() {
                return new CountingScratch();
            }
        };
    }

    @Test
    void onlyTheOutermostRunGetsTheScratch() {
        CallDepth<CountingScratch> calls = calls("test-client");
        CountingScratch outer = calls.enter();
        assertSame(calls.current(), outer);
        assertEquals(1, outer.depth());

        assertNull(calls.enter(), "a run nested in the call");
        assertEquals(2, outer.depth());
        assertNull(calls.exit(), "the nested run ends: not the call's end");
        assertEquals(1, outer.depth());

        assertSame(outer, calls.exit());
        assertEquals(1, outer.depth(), "still inside the outermost run until it has exited");
        assertNull(calls.enter(), "a run nested in the exit work is not managed either");
        assertNull(calls.exit());
        calls.exited(outer);
        assertEquals(0, outer.depth());

        assertSame(outer, calls.enter(), "the thread's next call reuses its scratch");
    }

    @Test
    void anExitWithoutAnEntryLeavesTheDepthAtZero() {
        CallDepth<CountingScratch> calls = calls("test-client");
        assertNull(calls.exit());
        assertEquals(0, calls.current().depth());
        assertEquals(1, calls.enter().depth());
    }

    @Test
    void eachThreadHasItsOwnScratch() throws Exception {
        CallDepth<CountingScratch> calls = calls("test-client");
        CountingScratch mine = calls.enter();
        AtomicReference<CountingScratch> theirs = new AtomicReference<>();
        Thread other = new Thread(() -> theirs.set(calls.enter()));
        other.start();
        other.join();
        assertNotSame(mine, theirs.get());
        assertEquals(1, theirs.get().depth(), "the other thread's call is outermost there");
        assertEquals(1, mine.depth());
    }

    @Test
    void aFaultClearsTheCallAndPrintsOneLineOnly() {
        CallDepth<CountingScratch> calls = calls("test-client");
        CountingScratch s = calls.enter();
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true));
        try {
            calls.fault(s, new IllegalStateException("first"));
            calls.fault(s, new IllegalStateException("second"));
        } finally {
            System.setErr(err);
        }
        assertEquals(2, s.cleared);
        assertEquals("rebound: test-client: internal error, call continues unretried: java.lang.IllegalStateException: first"
                + System.lineSeparator(), printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void enteringAndExitingAllocatesNothing() {
        CallDepth<CountingScratch> calls = calls("test-client");
        Runnable runs = () -> {
            for (int i = 0; i < 10_000; i++) {
                CountingScratch s = calls.enter();
                calls.enter();
                calls.exit();
                calls.exited(calls.exit());
                if (s.depth() != 0) {
                    throw new AssertionError("depth " + s.depth() + " after a balanced call");
                }
            }
        };
        long allocated = Allocations.afterWarmUp(runs);
        assertTrue(allocated < 1024, allocated + " bytes allocated by 10000 calls");
    }
}
