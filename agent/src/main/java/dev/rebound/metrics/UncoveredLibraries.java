package dev.rebound.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP client libraries the app loaded whose calls rebound does not retry, by library label. Written only
 * when such a library's class loads, so it costs nothing on any call path. A library is in or out, not
 * counted: one library loads several of its telling classes (the verifier alone loads some), so a count
 * of loads would mean nothing.
 */
public final class UncoveredLibraries {
    private final ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<String, Boolean>();

    /** @return true the first time this library is seen, so that it is named once */
    public boolean add(String library) {
        return seen.putIfAbsent(library, Boolean.TRUE) == null;
    }

    /** Library labels seen, sorted. */
    public List<String> labels() {
        List<String> out = new ArrayList<String>(seen.keySet());
        Collections.sort(out);
        return out;
    }
}
