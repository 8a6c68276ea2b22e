package dev.rebound.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP client libraries the app loaded whose calls rebound does not retry, by library label: how many
 * times a library's telling class was defined (once per class loader that loads it). Written only when
 * such a class loads, so it costs nothing on any call path.
 */
public final class UncoveredClientCounts {
    private final ConcurrentHashMap<String, AtomicInteger> loads = new ConcurrentHashMap<String, AtomicInteger>();

    /** @return true the first time this library is counted, so that it is named once */
    public boolean loaded(String library) {
        AtomicInteger count = loads.get(library);
        if (count == null) {
            AtomicInteger fresh = new AtomicInteger();
            count = loads.putIfAbsent(library, fresh);
            if (count == null) {
                count = fresh;
            }
        }
        return count.incrementAndGet() == 1;
    }

    /** Library label to loads, sorted by label; empty when none was seen. */
    public Map<String, Integer> snapshot() {
        Map<String, Integer> out = new TreeMap<String, Integer>();
        for (Map.Entry<String, AtomicInteger> e : loads.entrySet()) {
            out.put(e.getKey(), e.getValue().get());
        }
        return out;
    }
}
