package dev.rebound.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CallRunnerTest {
    private static final Request REQUEST = Request.get(URI.create("http://127.0.0.1:9/"));
    private static final Reply OK = new Reply(200, new byte[] {1, 2}, Map.of());

    @Test
    void aCallWedgedPastTheDeadlineStillGetsExactlyOneLine() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch wedgedCallEnded = new CountDownLatch(1);
        AtomicInteger invocations = new AtomicInteger();
        Caller caller = request -> {
            if (invocations.incrementAndGet() == 1) {
                try {
                    never.await();
                } finally {
                    wedgedCallEnded.countDown();
                }
            }
            return OK;
        };
        ConcurrentLinkedQueue<CallResult> seen = new ConcurrentLinkedQueue<>();

        RunSummary summary = new CallRunner(caller, REQUEST, 5, 2, 300).run(seen::add);

        // The wedged worker is interrupted when the run gives up on it; its late result must be dropped.
        assertTrue(wedgedCallEnded.await(10, TimeUnit.SECONDS));
        List<String> lines = seen.stream().map(r -> r.format(List.of())).collect(Collectors.toList());
        assertEquals(5, lines.size(), lines.toString());
        assertEquals(1, lines.stream().filter(l -> l.contains(" error=java.util.concurrent.TimeoutException ")).count(),
                lines.toString());
        assertEquals(5, seen.stream().map(CallResult::index).distinct().count());
        assertEquals("done calls=5 ok=4 errors=1", summary.format());
    }

    @Test
    void anErrorThrownByTheClientBecomesAnErrorLine() {
        Caller caller = request -> {
            throw new NoClassDefFoundError("woven/Thing");
        };
        ConcurrentLinkedQueue<CallResult> seen = new ConcurrentLinkedQueue<>();

        RunSummary summary = new CallRunner(caller, REQUEST, 3, 3, 60_000).run(seen::add);

        assertEquals(3, seen.size());
        assertTrue(seen.stream().allMatch(r -> r.format(List.of()).matches(
                "call=[123] error=java\\.lang\\.NoClassDefFoundError ms=\\d+")));
        assertEquals("done calls=3 ok=0 errors=3", summary.format());
    }

    @Test
    void theSafetyDeadlineGrowsWithRoundsAndTimeout() {
        long one = CallRunner.safetyDeadlineMs(1, 1, 1_000);

        assertTrue(one > 6_000, "one call gets room for several timed-out attempts: " + one);
        assertEquals(one, CallRunner.safetyDeadlineMs(8, 8, 1_000));
        assertEquals(2 * one, CallRunner.safetyDeadlineMs(9, 8, 1_000));
        assertTrue(CallRunner.safetyDeadlineMs(1, 1, 2_000) > one);
    }
}
