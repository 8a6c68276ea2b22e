package dev.rebound.weave;

import java.util.ArrayList;
import java.util.List;

/** Hooks for {@link WeaverTest}: retry while the attempt failed, at most {@code maxRuns} times. */
public final class TestHooks {
    static final List<String> events = new ArrayList<>();
    static int maxRuns = 3;
    static boolean flag;
    /** Name/value pairs the rerun-pair hooks hand over, in turn. */
    static String[] pairs = new String[0];

    private TestHooks() {
    }

    public static void enter(Object self, Object response, Object remembered, int runs) {
        events.add("enter response=" + response + " remembered=" + remembered + " runs=" + runs);
    }

    /** Entry hook fed from the woven method's parameters and its own class. */
    public static void enterWithParams(Object owner, int bonus, long unused, Object self) {
        events.add("enter owner=" + ((Class<?>) owner).getName() + " loader=" + (((Class<?>) owner).getClassLoader() == ((Object) self).getClass().getClassLoader())
                + " bonus=" + bonus + " unused=" + unused);
    }

    public static boolean exit(Object self, Object returned, Throwable thrown) {
        events.add("exit returned=" + returned + " thrown=" + (thrown == null ? null : thrown.getMessage()));
        long enters = events.stream().filter(e -> e.startsWith("enter")).count();
        return thrown != null && enters < maxRuns;
    }

    /** Exit hook that is also given what the run left in two fields. */
    public static boolean exitWithState(Object self, Object returned, Throwable thrown, int runs, Object seen) {
        events.add("exit thrown=" + (thrown == null ? null : thrown.getMessage()) + " runs=" + runs + " seen=" + seen);
        return exit(self, returned, thrown);
    }

    public static String pairName(int i) {
        return 2 * i < pairs.length ? pairs[2 * i] : null;
    }

    public static String pairValue(int i) {
        return 2 * i + 1 < pairs.length ? pairs[2 * i + 1] : null;
    }

    public static boolean flag() {
        return flag;
    }
}
