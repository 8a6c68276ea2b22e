package dev.rebound.client;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How an async client's woven entry tells a re-send of rebound's own from a new call. The call re-sends
 * through the client's public API, which reaches the woven method synchronously on the same thread; around
 * that call it marks its thread. The first woven entry inside the mark is the re-send, whatever the objects
 * look like by then: other agents wrap handlers and callbacks (Datadog, OpenTelemetry), so the object the
 * woven code receives is not the one rebound passed. A further woven entry inside the same mark is a call
 * some other code made from within the re-send: it runs unmanaged, so that calls can never nest.
 *
 * <p>One instance per client. Cost on a call that is not a re-send: one volatile read while no re-send
 * of that client is under way anywhere.
 *
 * @param <C> the client's call
 */
public final class ResendMarks<C> {
    /** Re-sends under way on any thread: while 0, no thread can be inside one and the thread-local is not read. */
    private final AtomicInteger underWay = new AtomicInteger();
    private final ThreadLocal<Scope<C>> scope = new ThreadLocal<Scope<C>>();

    /** The re-send a thread is making, from its call to the client until that returns. */
    public static final class Scope<C> {
        public final C call;
        private final Scope<C> outer;
        /** Set by the first woven entry inside the scope: the re-send reached rebound's hook. */
        public boolean entered;

        private Scope(C call, Scope<C> outer) {
            this.call = call;
            this.outer = outer;
        }
    }

    /** Marks this thread as re-sending for {@code call}; {@link #close} is due in a finally block. */
    public Scope<C> open(C call) {
        Scope<C> opened = new Scope<C>(call, scope.get());
        scope.set(opened);
        underWay.incrementAndGet();
        return opened;
    }

    /** Ends the mark; true when the re-send went through the woven entry on this thread, as it must. */
    public boolean close(Scope<C> closed) {
        underWay.decrementAndGet();
        if (closed.outer == null) {
            scope.remove();
        } else {
            scope.set(closed.outer);
        }
        return closed.entered;
    }

    /**
     * At the woven entry: the re-send this thread is making when this entry is its first (marked entered),
     * else null: no re-send under way, or a further entry inside one, which is a call of its own.
     */
    public Scope<C> claim() {
        Scope<C> current = current();
        if (current == null || current.entered) {
            return null;
        }
        current.entered = true;
        return current;
    }

    /** The re-send this thread is making, or null; read by every woven entry, so cheap while none is. */
    public Scope<C> current() {
        return underWay.get() == 0 ? null : scope.get();
    }
}
