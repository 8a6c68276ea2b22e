package dev.rebound.export;

import dev.rebound.metrics.MetricsRegistry;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Reads the engine's circuit states and folds them onto the registry's host labels. */
final class CircuitStates {
    private final MetricsRegistry registry;
    private final Supplier<Map<String, Boolean>> source;

    CircuitStates(MetricsRegistry registry, Supplier<Map<String, Boolean>> source) {
        if (registry == null || source == null) {
            throw new IllegalArgumentException("registry and circuit source are required");
        }
        this.registry = registry;
        this.source = source;
    }

    /**
     * Host label to open (true) or closed, sorted. Hosts past the label cap fold into "other", which is
     * open when any of them is: the cap must bound this gauge's series as well as the counters'.
     */
    Map<String, Boolean> byLabel() {
        Map<String, Boolean> out = new TreeMap<String, Boolean>();
        Map<String, Boolean> states;
        try {
            states = source.get();
        } catch (RuntimeException e) {
            return out;
        }
        if (states == null) {
            return out;
        }
        for (Map.Entry<String, Boolean> e : states.entrySet()) {
            String label = registry.hostLabel(e.getKey());
            boolean open = Boolean.TRUE.equals(e.getValue());
            Boolean prior = out.get(label);
            out.put(label, open || (prior != null && prior));
        }
        return out;
    }

    boolean isOpen(String hostLabel) {
        Boolean open = byLabel().get(hostLabel);
        return open != null && open;
    }
}
