package dev.rebound.client.apacheasync;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the woven entry tells rebound's own re-send from a new call: the re-send marks its thread around its
 * call to the client's public {@code execute}, which reaches the woven method synchronously; the first
 * woven entry inside the mark is the re-send, whatever others made of its arguments on the way. Never the
 * objects' identity: another agent may wrap the consumer or callback rebound passes.
 */
final class Resends {
    private static final AtomicInteger UNDER_WAY = new AtomicInteger();
    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<Scope>();

    private Resends() {
    }

    static final class Scope {
        final AsyncCall call;
        private final Scope outer;
        boolean entered;

        private Scope(AsyncCall call, Scope outer) {
            this.call = call;
            this.outer = outer;
        }
    }

    static Scope open(AsyncCall call) {
        Scope scope = new Scope(call, SCOPE.get());
        SCOPE.set(scope);
        UNDER_WAY.incrementAndGet();
        return scope;
    }

    /** Ends the mark; true when the re-send went through the woven entry, as it must. */
    static boolean close(Scope scope) {
        UNDER_WAY.decrementAndGet();
        if (scope.outer == null) {
            SCOPE.remove();
        } else {
            SCOPE.set(scope.outer);
        }
        return scope.entered;
    }

    /** The re-send this thread is making, or null; one volatile read while no re-send is under way. */
    static Scope current() {
        return UNDER_WAY.get() == 0 ? null : SCOPE.get();
    }
}
