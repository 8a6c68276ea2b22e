package dev.rebound.client.okhttp;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the woven {@code enqueue} tells a re-send of rebound's own from a new call. An async re-send is
 * {@code call.clone().enqueue(standIn)}, which reaches the woven method synchronously on the same thread;
 * around it the re-sending thread is marked, and the first woven entry inside the mark is the re-send,
 * whatever the callback looks like by then (another agent may have wrapped it). Cost on any other call:
 * one volatile read while no re-send is under way anywhere.
 */
final class Resends {
    private static final AtomicInteger UNDER_WAY = new AtomicInteger();
    /** Per thread: 1 inside a mark not yet claimed, 2 claimed; absent outside any mark. */
    private static final ThreadLocal<int[]> MARK = new ThreadLocal<int[]>();

    private Resends() {
    }

    /** Marks this thread as re-sending; {@link #close} is due in a finally block. */
    static void open() {
        int[] mark = MARK.get();
        if (mark == null) {
            mark = new int[1];
            MARK.set(mark);
        }
        mark[0] = 1;
        UNDER_WAY.incrementAndGet();
    }

    /** Ends the mark; true when the re-send went through the woven entry on this thread, as it must. */
    static boolean close() {
        UNDER_WAY.decrementAndGet();
        int[] mark = MARK.get();
        boolean claimed = mark != null && mark[0] == 2;
        if (mark != null) {
            mark[0] = 0;
        }
        return claimed;
    }

    /** At the woven entry: true, once per mark, when this entry is the re-send of the thread's mark. */
    static boolean claim() {
        if (UNDER_WAY.get() == 0) {
            return false;
        }
        int[] mark = MARK.get();
        if (mark == null || mark[0] != 1) {
            return false;
        }
        mark[0] = 2;
        return true;
    }
}
