package dev.rebound.client.jdk;

import dev.rebound.engine.CallStart;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.RetryCall;
import dev.rebound.engine.RetryEngine;

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
final class EngineCall extends CallStart {
    /**
     * Where the app's thread waits during a synchronous {@code send}, which the JDK runs on its async path:
     * the retry decision runs on a JDK thread, and only the frames below it show an outer retrier.
     */
    private static final String SEND_CLASS = "jdk.internal.net.http.HttpClientImpl";
    private static final String SEND_METHOD = "send";
    private static final VarHandle FIRST_CLAIMED;

    static {
        try {
            FIRST_CLAIMED = MethodHandles.lookup().findVarHandle(EngineCall.class, "firstClaimed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final HttpRequest request;
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
    private volatile int resendsResetsKnown;

    /** Its fields are published with the call by the JDK's own hand-offs, as the JdkCall holding it is. */
    EngineCall(RetryEngine engine, HttpRequest request, String authority, String host, int port, Thread caller) {
        this.request = request;
        this.caller = caller;
        start(engine, JdkClientAdapter.CLIENT, authority, request.method(), host, port, request.uri().getRawPath());
    }

    /**
     * An attempt's status and headers arrived, or ({@code thrown} not null) it failed before them: the
     * delay before the next attempt, or STOP.
     */
    long onAttempt(int status, HttpHeaders headers, Throwable thrown) {
        FailureKind kind = thrown != null ? JdkClientAdapter.classify(thrown) : null;
        int judged = thrown != null ? -1 : status;
        RetryCall c = callFor(judged, kind);
        if (c == null) {
            return RetryCall.STOP;
        }
        return judged >= 0 ? c.onStatus(judged, JdkClientAdapter.retryAfter(headers)) : c.onFailure(kind);
    }

    /** The call to report this attempt to, or null when the call ended here or had ended before. */
    private RetryCall callFor(int status, FailureKind kind) {
        RetryCall c = retryCall;
        if (c != null) {
            return c;
        }
        if (!claimFirst()) {
            return null; // ended before the attempt's outcome came: accounted for there
        }
        c = firstAttemptEnded(status, kind);
        if (c == null) {
            caller = null;
            return null;
        }
        retryCall = c;
        if (ended) {
            c.cancelled(); // end() may have looked for the retry call just before it existed
        }
        return c;
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
            endedUnjudged();
            return;
        }
        RetryCall c = retryCall;
        if (c != null) {
            c.cancelled(); // a no-op when the call already ended with an answer
        }
    }

    /** Would rebound re-send this call after a reset? Then the JDK's own re-send stays off. Asked once. */
    boolean suppressJdkResend() {
        int known = resendsResetsKnown;
        if (known == 0) {
            known = resendsResets() ? 2 : 1;
            resendsResetsKnown = known;
        }
        return known == 2;
    }

    @Override
    protected boolean hasHeader(String name) {
        return request.headers().firstValue(name).isPresent();
    }

    @Override
    protected boolean bodyReplayable() {
        return ReplayableBodies.isReplayable(request);
    }

    /** The calling thread, once: for the one decision that may look at its stack. */
    @Override
    protected Thread caller() {
        Thread t = caller;
        caller = null;
        return t;
    }

    @Override
    protected String callerClass() {
        return SEND_CLASS;
    }

    @Override
    protected String callerMethod() {
        return SEND_METHOD;
    }

    private boolean claimFirst() {
        boolean first = FIRST_CLAIMED.compareAndSet(this, 0, 1);
        if (!first) {
            caller = null;
        }
        return first;
    }
}
