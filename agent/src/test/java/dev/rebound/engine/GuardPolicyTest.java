package dev.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GuardPolicyTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        GuardPolicy p = GuardPolicy.DEFAULTS;
        assertEquals(0.2, p.budgetRatio());
        assertEquals(10.0, p.budgetMinPerSecond());
        assertEquals(100, p.budgetBurst());
        assertEquals(5, p.circuitFailureThreshold());
        assertEquals(1_000_000_000L, p.circuitProbeIntervalNanos());
    }

    @Test
    void builderSetsEveryField() {
        GuardPolicy p = GuardPolicy.builder()
                .budgetRatio(0.2)
                .budgetMinPerSecond(0)
                .budgetBurst(7)
                .circuitFailureThreshold(3)
                .circuitProbeInterval(250, TimeUnit.MILLISECONDS)
                .build();
        assertEquals(0.2, p.budgetRatio());
        assertEquals(0.0, p.budgetMinPerSecond());
        assertEquals(7, p.budgetBurst());
        assertEquals(3, p.circuitFailureThreshold());
        assertEquals(250_000_000L, p.circuitProbeIntervalNanos());
    }

    @Test
    void builtPolicyIsNotChangedByLaterBuilderCalls() {
        GuardPolicy.Builder b = GuardPolicy.builder().budgetBurst(20);
        GuardPolicy first = b.build();
        b.budgetBurst(30);
        assertEquals(20, first.budgetBurst());
        assertEquals(30, b.build().budgetBurst());
    }

    @Test
    void boundariesAreAccepted() {
        GuardPolicy p = GuardPolicy.builder().budgetRatio(0).budgetRatio(10).budgetBurst(1)
                .circuitFailureThreshold(1).circuitProbeIntervalNanos(1).build();
        assertEquals(10.0, p.budgetRatio());
        assertEquals(1, p.budgetBurst());
        assertEquals(1, p.circuitFailureThreshold());
        assertEquals(1L, p.circuitProbeIntervalNanos());
    }

    @Test
    void eachBadValueIsRejectedAtOnceNamingItsKey() {
        GuardPolicy.Builder b = GuardPolicy.builder();
        assertRejected("budget.ratio", () -> b.budgetRatio(-0.01));
        assertRejected("budget.ratio", () -> b.budgetRatio(10.01));
        assertRejected("budget.ratio", () -> b.budgetRatio(Double.NaN));
        assertRejected("budget.min-per-second", () -> b.budgetMinPerSecond(-1));
        assertRejected("budget.min-per-second", () -> b.budgetMinPerSecond(Double.NaN));
        assertRejected("budget.min-per-second", () -> b.budgetMinPerSecond(Double.POSITIVE_INFINITY));
        assertRejected("budget.burst", () -> b.budgetBurst(0));
        assertRejected("circuit.failure-threshold", () -> b.circuitFailureThreshold(0));
        assertRejected("circuit.probe-interval", () -> b.circuitProbeIntervalNanos(0));
        assertRejected("circuit.probe-interval", () -> b.circuitProbeInterval(-1, TimeUnit.SECONDS));
        // A rejected value leaves the earlier (default) one in place.
        GuardPolicy p = b.build();
        assertEquals(0.2, p.budgetRatio());
        assertEquals(100, p.budgetBurst());
        assertEquals(1_000_000_000L, p.circuitProbeIntervalNanos());
    }

    @Test
    void toStringNamesKeys() {
        String s = GuardPolicy.DEFAULTS.toString();
        assertTrue(s.contains("budget.burst=100"), s);
        assertTrue(s.contains("circuit.probe-interval=1000ms"), s);
    }

    private static void assertRejected(String key, Executable setter) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setter);
        assertTrue(e.getMessage().startsWith(key + " "), e.getMessage());
    }
}
