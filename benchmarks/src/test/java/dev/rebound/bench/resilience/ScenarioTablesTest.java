package dev.rebound.bench.resilience;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ScenarioTablesTest {
    private static final long MS = 1_000_000L;

    @Test
    void loadCountsEveryAttemptInTheWindowPerFirstAttemptInIt() {
        List<Upstream.Arrival> arrivals = new ArrayList<>();
        for (int call = 0; call < 10; call++) {
            long t = 1_000 * MS + call * 100 * MS;
            arrivals.add(new Upstream.Arrival(call, 0, t, 502));
            arrivals.add(new Upstream.Arrival(call, 1, t + 50 * MS, 502));
            if (call % 2 == 0) {
                arrivals.add(new Upstream.Arrival(call, 2, t + 60 * MS, 502));
            }
        }
        RunData r = run(List.of(), arrivals);
        assertEquals(2.5, ScenarioTables.load(r, 1_000 * MS, 2_000 * MS), 1e-9);
        // A window that holds retries but no first attempt has no calls to divide by.
        assertEquals(Double.NaN, ScenarioTables.load(r, 1_955 * MS, 1_999 * MS));
    }

    @Test
    void perSecondBucketsByArrivalTime() {
        RunData r = run(List.of(), List.of(
                new Upstream.Arrival(0, 0, 100 * MS, 200),
                new Upstream.Arrival(1, 0, 999 * MS, 200),
                new Upstream.Arrival(1, 1, 1_000 * MS, 200),
                new Upstream.Arrival(2, 0, 2_500 * MS, 200)));
        assertArrayEquals(new int[] {2, 1, 1}, ScenarioTables.perSecond(r, false));
        assertArrayEquals(new int[] {2, 0, 1}, ScenarioTables.perSecond(r, true));
    }

    @Test
    void recoveryEndsWithTheLastBucketBelow99Percent() {
        long end = 10_000 * MS;
        List<CallRecord> calls = new ArrayList<>();
        calls.add(new CallRecord(0, end - 500 * MS, end - 10 * MS, 502, false)); // before the end: ignored
        calls.add(new CallRecord(1, end - 5 * MS, end + 20 * MS, 502, false));   // bucket 0 fails
        calls.add(new CallRecord(2, end, end + 30 * MS, 200, true));
        calls.add(new CallRecord(3, end, end + 250 * MS, 502, false));          // bucket 2 fails
        calls.add(new CallRecord(4, end, end + 700 * MS, 200, true));
        assertEquals(0.3, ScenarioTables.recoverySeconds(run(calls, List.of()), end), 1e-9);
        assertEquals(0.0, ScenarioTables.recoverySeconds(run(List.of(calls.get(2), calls.get(4)), List.of()), end));
    }

    private static RunData run(List<CallRecord> calls, List<Upstream.Arrival> arrivals) {
        return new RunData(Scenario.S2, "http-url-connection", Policy.NONE, calls, arrivals);
    }
}
