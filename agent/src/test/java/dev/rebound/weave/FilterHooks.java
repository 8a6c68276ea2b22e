package dev.rebound.weave;

import java.util.ArrayList;
import java.util.List;

/** Hooks for {@link FilterWeaverTest}; each records its call. */
public final class FilterHooks {
    static final List<String> events = new ArrayList<>();
    static boolean flag;

    private FilterHooks() {
    }

    public static Object wrapHandler(Object self, Object request, long attempts, Object handler) {
        events.add("wrap " + request + " " + attempts + " " + handler);
        return "wrapped(" + handler + ")";
    }

    public static Object filterResult(Object returned, Object label, Object handler) {
        events.add("result " + returned + " label=" + label + " handler=" + handler);
        return "filtered(" + returned + ")";
    }

    public static boolean flagFor(Object self, Object label) {
        events.add("flag? " + label);
        return flag;
    }
}
