package dev.rebound.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.engine.OuterRetriers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code outer-retriers}: a plain list replaces the default, +entry and -prefix edit it, empty turns it off. */
class OuterRetriersConfigTest {

    private static ReboundConfig with(String value) {
        return ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.outer-retriers", value), Map.of());
    }

    @Test
    void theDefaultNamesEveryLibraryTheReadmeCovers() {
        List<String> d = ReboundConfig.defaults(TestKeys.KEYS).outerRetriers();
        assertEquals(OuterRetriers.DEFAULT_ENTRIES, d);
        for (String prefix : new String[] {"com.amazonaws.", "software.amazon.awssdk.", "org.springframework.retry.",
                "org.springframework.cloud.client.loadbalancer.", "io.github.resilience4j.retry.", "dev.failsafe.",
                "net.jodah.failsafe."}) {
            assertTrue(d.stream().anyMatch(e -> e.startsWith(prefix)), prefix);
        }
    }

    @Test
    void plainItemsReplaceTheDefault() {
        ReboundConfig c = with("com.example.Retrier, com.example.Other#call");
        assertEquals(Arrays.asList("com.example.Retrier", "com.example.Other#call"), c.outerRetriers());
        assertEquals(List.of(), c.problems());
    }

    @Test
    void signedItemsEditTheDefault() {
        ReboundConfig c = with("+com.example.Retrier,-com.amazonaws,-io.github.resilience4j.retry.");
        List<String> expected = new ArrayList<>(OuterRetriers.DEFAULT_ENTRIES);
        expected.removeIf(e -> e.startsWith("com.amazonaws") || e.startsWith("io.github.resilience4j.retry."));
        expected.add("com.example.Retrier");
        assertEquals(expected, c.outerRetriers());
    }

    @Test
    void emptyTurnsTheRuleOff() {
        assertEquals(List.of(), with("").outerRetriers());
        assertTrue(with("").problems().isEmpty());
    }

    @Test
    void aBadItemIsDroppedAndNamed() {
        ReboundConfig c = with("+com.example.Retrier,com..bad,Foo#");
        List<String> expected = new ArrayList<>(OuterRetriers.DEFAULT_ENTRIES);
        expected.add("com.example.Retrier");
        assertEquals(expected, c.outerRetriers());
        assertEquals(1, c.problems().size());
        String message = c.problems().get(0).message();
        assertTrue(message.contains("outer-retriers") && message.contains("'com..bad'") && message.contains("'Foo#'"),
                message);
    }

    @Test
    void theEffectiveListReachesTheEngineUnchanged() {
        ReboundConfig c = with("-org.springframework");
        assertEquals(c.outerRetriers().size(), OuterRetriers.DEFAULT_ENTRIES.size() - 2);
        assertEquals("OuterRetriers[" + String.join(",", c.outerRetriers()) + "]",
                OuterRetriers.of(c.outerRetriers()).toString());
    }
}
