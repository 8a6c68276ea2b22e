package dev.rebound.client.jdk;

import dev.rebound.engine.FailureKind;
import dev.rebound.engine.HostGuard;
import dev.rebound.engine.RetryCall;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;

/**
 * One JDK {@code HttpClient} call as the engine sees it: each attempt's status or failure in, a delay or
 * {@link RetryCall#STOP} out. The call ends in the engine exactly once, whether an answer, an exhausted
 * retry or the app's cancel ends it, and on whichever thread: the first attempt's outcome is claimed by
 * a CAS, later ones belong to the engine's {@link RetryCall}.
 */
final class EngineCall {
    private static final VarHandle FIRST_CLAIMED;

    static {
        try {
            FIRST_CLAIMED = MethodHandles.lookup().findVarHandle(EngineCall.class, "firstClaimed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final JdkClientAdapter adapter;
    final HttpRequest request;
    final String host;
    final String method;
    final HostGuard guard;
    final long startNanos;
    /**
     * The app's thread waiting in {@code HttpClient.send} for this call (null for {@code sendAsync}): its
     * stack shows an outer retrier. Dropped once the first attempt is judged, so that a future the app
     * keeps does not keep the thread.
     */
    private Thread caller; // plain: published with the call by the JDK's own hand-offs; a stale read only keeps it longer

    /** 1 once the first attempt's outcome has been reported (or the call ended before it came). */
    @SuppressWarnings("unused")
    private volatile int firstClaimed;
    /** Null until the first attempt turned out to be a retry candidate. */
    private volatile RetryCall retryCall;
    private volatile boolean ended;
    /** 0 not yet known, 1 no, 2 yes. */
    private volatile int resendsResets;

    EngineCall(JdkClientAdapter adapter, HttpRequest request, String host, String method, HostGuard guard,
               long startNanos, Thread caller) {
        this.adapter = adapter;
        this.request = request;
        this.host = host;
        this.method = method;
        this.guard = guard;
        this.startNanos = startNanos;
        this.caller = caller;
    }

    /** An attempt's status and headers arrived: the delay before the next attempt, or STOP. */
    long onStatus(int status, HttpHeaders headers) {
        RetryCall c = retryCall;
        if (c == null) {
            if (!claimFirst()) {
                return RetryCall.STOP; // ended before the response came: accounted for there
            }
            if (!adapter.isRetryable(status)) {
                caller = null;
                adapter.firstAttemptFinal(this);
                return RetryCall.STOP;
            }
            c = open();
        }
        return c.onStatus(status, JdkClientAdapter.retryAfter(headers));
    }

    /** An attempt failed before its headers: the delay before the next attempt, or STOP. */
    long onFailure(Throwable thrown) {
        FailureKind kind = JdkClientAdapter.classify(thrown);
        RetryCall c = retryCall;
        if (c == null) {
            if (!claimFirst()) {
                return RetryCall.STOP;
            }
            if (!adapter.isRetryable(kind)) {
                caller = null;
                adapter.firstAttemptFailed(this);
                return RetryCall.STOP;
            }
            c = open();
        }
        return c.onFailure(kind);
    }

    /**
     * The call ends without a further report (cancelled, abandoned): once, whoever gets here first. Before
     * the first attempt was judged, the host gave no answer the engine saw: counted {@code failed}, as an
     * interrupted call of the synchronous clients is, and no healthy answer that would close the breaker.
     */
    void end() {
        ended = true;
        caller = null;
        if (claimFirst()) {
            adapter.firstAttemptFailed(this);
            return;
        }
        RetryCall c = retryCall;
        if (c != null) {
            c.cancelled(); // a no-op when the call already ended with an answer
        }
    }

    /** The hard bound on attempts, whatever the engine was told: true while one more keeps within it. */
    boolean mayResend(int sent) {
        return adapter.mayResend(sent);
    }

    /** Would rebound re-send this call after a reset? Then the JDK's own re-send stays off. */
    boolean resendsResets() {
        int known = resendsResets;
        if (known == 0) {
            known = adapter.resendsResets(this) ? 2 : 1;
            resendsResets = known;
        }
        return known == 2;
    }

    private boolean claimFirst() {
        boolean first = FIRST_CLAIMED.compareAndSet(this, 0, 1);
        if (!first) {
            caller = null;
        }
        return first;
    }

    /** The calling thread, once: for the one decision that may look at its stack. */
    Thread takeCaller() {
        Thread t = caller;
        caller = null;
        return t;
    }

    private RetryCall open() {
        RetryCall c = adapter.begin(this);
        retryCall = c;
        if (ended) {
            c.cancelled(); // end() may have looked for the retry call just before it existed
        }
        return c;
    }
}
