package dev.rebound.client;

/**
 * Keeps an async call's re-sends in the caller's trace when a tracing agent runs beside rebound (the
 * OpenTelemetry Java agent, Datadog's). A re-send leaves from a thread of rebound's or the JDK's, which
 * carries no trace context: the call captures its caller's context at its start ({@link #capture}), and
 * each re-send runs with it made current ({@link #enter}/{@link #exit}), so the agent's own
 * instrumentation of the client's public API traces the re-send as the call's next attempt.
 *
 * <p>The agents are reached through their own bootstrap API, by name, the first time a call asks
 * ({@link TraceBridge#find}); rebound has no compile-time dependency on them and ships none of their
 * classes. Without an agent, {@link #capture} is one volatile read and returns null, and the other methods
 * return at once. Every fault fails open: one stderr line, and the call goes on untraced by rebound.
 */
public final class Traces {
    private static volatile TraceBridge bridge;
    private static final OnceLine FAULT = new OnceLine("rebound: tracing: a call of the tracing agent's API"
            + " failed; re-sends are traced as without rebound's help");

    private Traces() {
    }

    private static TraceBridge bridge() {
        TraceBridge b = bridge;
        if (b == null) {
            b = TraceBridge.find();
            bridge = b;
        }
        return b;
    }

    /** At a call's start, on the caller's thread: its trace context, or null when no tracing agent runs. */
    public static Object capture() {
        TraceBridge b = bridge();
        if (b == TraceBridge.NONE) {
            return null;
        }
        try {
            return b.current();
        } catch (Throwable t) {
            FAULT.report(t);
            return null;
        }
    }

    /**
     * When the call's first attempt turned out to be retried (its {@code status}, or -1 and its
     * {@code failure}): the context its re-sends run in, derived from what {@link #capture} returned. Where
     * the agent made one span for the whole call (the OpenTelemetry agent's span around the JDK client's
     * {@code send}), that span becomes the first attempt's: it ends now, with that attempt's outcome, and
     * the re-sends are its siblings, each counted in {@code http.request.resend_count}.
     */
    public static Object forResends(Object captured, int status, Throwable failure) {
        if (captured == null) {
            return null;
        }
        try {
            return bridge().forResends(captured, status, failure);
        } catch (Throwable t) {
            FAULT.report(t);
            return null;
        }
    }

    /** Where a synchronous client puts the trace headers of an attempt rebound traces itself. */
    public interface Headers {
        void traceHeader(String name, String value);
    }

    /**
     * Before a synchronous client's re-send, which runs inside the agent's one span around the whole call
     * (rebound retries below the agent's advice): a CLIENT span of rebound's own for this attempt, a
     * sibling of the first, with the first's name and request attributes and
     * {@code http.request.resend_count}; its context goes into the request's headers through the agent's
     * propagators. {@code resends} is what {@link #forResends} returned; null when there is nothing to trace.
     */
    public static Object startAttempt(Object resends, int resendCount, Headers headers) {
        if (resends == null) {
            return null;
        }
        try {
            return bridge().startAttempt(resends, resendCount, headers);
        } catch (Throwable t) {
            FAULT.report(t);
            return null;
        }
    }

    /** The attempt {@link #startAttempt} traced ended with {@code status}, or -1 and {@code failure}. */
    public static void endAttempt(Object span, int status, Throwable failure) {
        if (span == null) {
            return;
        }
        try {
            bridge().endAttempt(span, status, failure);
        } catch (Throwable t) {
            FAULT.report(t);
        }
    }

    /**
     * Makes {@code context} ({@link #forResends}'s) current on this thread; the returned scope goes to
     * {@link #exit} in a finally block.
     */
    public static Object enter(Object context) {
        if (context == null) {
            return null;
        }
        try {
            return bridge().enter(context);
        } catch (Throwable t) {
            FAULT.report(t);
            return null;
        }
    }

    public static void exit(Object scope) {
        if (scope == null) {
            return;
        }
        try {
            bridge().exit(scope);
        } catch (Throwable t) {
            FAULT.report(t);
        }
    }
}
