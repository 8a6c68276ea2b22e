package dev.rebound.client.jdk;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the woven {@code sendAsync} tells a re-send of rebound's own from a new call. A {@link JdkCall}
 * re-sends through the client's public {@code sendAsync}, which reaches the woven method synchronously on
 * the same thread; around that call it marks its thread. The first woven entry inside the mark is the
 * re-send, whatever the handler, request, executor or future look like by then: other agents wrap the
 * handler (Datadog, OpenTelemetry), so the object the woven code receives is not the one rebound passed.
 * A further woven entry inside the same mark is a call some other code made from within the re-send: it
 * runs unmanaged, so that calls can never nest.
 *
 * <p>Cost on a call that is not a re-send: one volatile read while no re-send is under way anywhere.
 */
final class Resends {
    /** Re-sends under way on any thread: while 0, no thread can be inside one and the thread-local is not read. */
    private static final AtomicInteger UNDER_WAY = new AtomicInteger();
    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

    private Resends() {
    }

    /** The re-send a thread is making, from its call to the client until that returns. */
    static final class Scope {
        final JdkCall call;
        private final Scope outer;
        /** Set by the first woven entry inside the scope: the re-send reached rebound's hook. */
        boolean entered;

        private Scope(JdkCall call, Scope outer) {
            this.call = call;
            this.outer = outer;
        }
    }

    /** Marks this thread as re-sending for {@code call}; {@link #close} is due in a finally block. */
    static Scope open(JdkCall call) {
        Scope scope = new Scope(call, SCOPE.get());
        SCOPE.set(scope);
        UNDER_WAY.incrementAndGet();
        return scope;
    }

    /** Ends the mark; true when the re-send went through the woven entry on this thread, as it must. */
    static boolean close(Scope scope) {
        UNDER_WAY.decrementAndGet();
        if (scope.outer == null) {
            SCOPE.remove();
        } else {
            SCOPE.set(scope.outer);
        }
        return scope.entered;
    }

    /** The re-send this thread is making, or null; read by every woven entry, so cheap while none is. */
    static Scope current() {
        return UNDER_WAY.get() == 0 ? null : SCOPE.get();
    }
}
