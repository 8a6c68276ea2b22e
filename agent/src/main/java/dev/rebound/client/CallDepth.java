package dev.rebound.client;

import dev.rebound.engine.CallStart;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.RetryCall;

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

    /**
     * Per-thread state of the call a thread runs; reused for all its calls. The client's own state
     * extends it; the first attempt's step is the engine's ({@link CallStart}).
     */
    public abstract static class Scratch extends CallStart {
        /** Nesting of the woven method on this thread; only depth 1 is a managed call. */
        int depth;
        /** Null until the first attempt turned out to be a retry candidate. */
        private RetryCall call;
        /** What the call's re-sends are traced with ({@link Traces#forResends}), once it is retried. */
        private Object traceResends;
        /** The span rebound made for the re-send under way ({@link Traces#startAttempt}), or null. */
        private Object attemptSpan;
        private int resends;

        /** How many runs of the woven method are under way on this thread. */
        public final int depth() {
            return depth;
        }

        /** True once the call's first attempt was a retry candidate: later runs are its next attempts. */
        public final boolean retrying() {
            return call != null;
        }

        /** The call its first attempt opened, or null while there is none. */
        public final RetryCall call() {
            return call;
        }

        /**
         * The attempt just made ended with {@code status}, or at -1 with a failure of {@code kind}: the call
         * to report it to, or null when it was the first attempt and no retry candidate; the call is then
         * over, accounted for, and the scratch cleared. Allocation-free on that path.
         */
        public final RetryCall callFor(int status, FailureKind kind) {
            if (call == null) {
                call = firstAttemptEnded(status, kind);
                if (call == null) {
                    clear();
                }
            }
            return call;
        }

        /**
         * The attempt of a retry candidate just ended ({@code status}, or -1 and {@code failure}), and
         * {@code again} says whether another follows: the span of a re-send ends with its own outcome; the
         * first retried attempt hands the call's trace over to the re-sends ({@link Traces#forResends}).
         */
        public final void traceAttemptEnded(int status, Throwable failure, boolean again) {
            if (attemptSpan != null) {
                Traces.endAttempt(attemptSpan, status, failure);
                attemptSpan = null;
            } else if (resends == 0 && again) {
                traceResends = Traces.forResends(Traces.capture(), status, failure);
            }
        }

        /** Right before a re-send: its span, its context in the request's {@code headers}. */
        public final void traceNextAttempt(Traces.Headers headers) {
            resends++;
            attemptSpan = Traces.startAttempt(traceResends, resends, headers);
        }

        /** Forgets the call: the thread's next call starts afresh. */
        public final void clear() {
            traceResends = null;
            attemptSpan = null;
            resends = 0;
            call = null;
            forget();
            clearClient();
        }

        /** Forgets the client's own part of the call. */
        protected abstract void clearClient();
    }
}
