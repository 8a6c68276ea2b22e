package dev.rebound.client;


/**
 * The per-thread side of a synchronous client's hooks. The woven code carries no locals across the
 * original body, so each thread keeps one reused {@link Scratch} for the call it runs. The woven method
 * may run nested on one thread (an interceptor calling out, the adapter reading the response it was just
 * given), and only its outermost run is a call that rebound manages. Nothing here allocates or locks once
 * a thread has its scratch: these methods run on every call through the woven code.
 *
 * @param <S> the client's scratch
 */
public abstract class CallDepth<S extends CallDepth.Scratch> {
    private final OnceLine faultLine;

    private final ThreadLocal<S> scratch = new ThreadLocal<S>() {
        @Override
        protected S initialValue() {
            return newScratch();
        }
    };

    /** @param clientLabel names the client in the fault line */
    protected CallDepth(String clientLabel) {
        this.faultLine = new OnceLine("rebound: " + clientLabel + ": internal error, call continues unretried");
    }

    /** A thread's scratch, made on its first call. */
    protected abstract S newScratch();

    /** This thread's scratch, whatever the depth. */
    public final S current() {
        return scratch.get();
    }

    /** Before each run of the woven method: the thread's scratch when this run is the outermost, else null. */
    public final S enter() {
        S s = scratch.get();
        return ++s.depth == 1 ? s : null;
    }

    /**
     * After each run of the woven method: the thread's scratch when the outermost run is ending, else null,
     * and a nested run (or an unbalanced state) is unwound by one. The depth stays 1 until
     * {@link #exited}, so that runs nested in the adapter's own exit work are left alone as well.
     */
    public final S exit() {
        S s = scratch.get();
        if (s.depth == 1) {
            return s;
        }
        s.depth = s.depth > 1 ? s.depth - 1 : 0;
        return null;
    }

    /** The outermost run has ended, however its exit went: due after every non-null {@link #exit}. */
    public final void exited(S s) {
        s.depth = 0;
    }

    /**
     * An internal fault: the thread's call continues unretried, as if rebound were absent. Only the first
     * fault prints a line, so that a broken adapter cannot flood the app's stderr.
     */
    public final void fault(S s, Throwable t) {
        s.clear();
        faultLine.report(t);
    }

    /** Per-thread state of the call a thread runs; reused for all its calls. */
    public abstract static class Scratch {
        /** Nesting of the woven method on this thread; only depth 1 is a managed call. */
        int depth;

        /** How many runs of the woven method are under way on this thread. */
        public final int depth() {
            return depth;
        }

        /** Forgets the call: the thread's next call starts afresh. */
        protected abstract void clear();
    }
}
