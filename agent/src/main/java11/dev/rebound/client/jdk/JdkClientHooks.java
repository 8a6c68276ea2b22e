package dev.rebound.client.jdk;

import dev.rebound.client.ResendMarks;
import dev.rebound.engine.RetryEngine;
import dev.rebound.client.OnceLine;

import java.lang.ref.Reference;

/**
 * The static entry points that the code woven into {@code jdk.internal.net.http.HttpClientImpl} and
 * {@code MultiExchange} calls. Defined in the platform class loader (next to {@code java.net.http}, which
 * the bootstrap loader cannot see), so it may name {@code java.net.http} types; the engine it reaches is
 * on the bootstrap path. Every fault fails open: the call proceeds as if rebound were absent.
 */
public final class JdkClientHooks {
    private static volatile JdkClientAdapter adapter;
    private static final OnceLine FAULT = new OnceLine("rebound: jdk-http-client: internal error, call continues unretried");
    private static final OnceLine NESTED = new OnceLine("rebound: jdk-http-client: a call was made from inside"
            + " rebound's own re-send (by another agent?); it runs unretried");
    private static final OnceLine STRAY = new OnceLine("rebound: jdk-http-client: a call of rebound's was sent"
            + " again outside its own re-send (by another agent?); it is not retried a second time");

    private JdkClientHooks() {
    }

    /** Called reflectively by the agent once the engine exists. */
    public static void install(RetryEngine engine) {
        adapter = new JdkClientAdapter(engine, Delays.SHARED);
    }

    /** For tests: hooks on an adapter of their own (null uninstalls). */
    static void install(JdkClientAdapter testAdapter) {
        adapter = testAdapter;
    }

    /**
     * At the entry of {@code sendAsync(request, handler, pushHandler, executor)}, the one method behind
     * {@code send} (the one caller that passes no executor) and both {@code sendAsync} overloads: the body handler the JDK will use. A new call
     * rebound manages gets its {@link JdkCall} as the handler. A re-send of rebound's own is recognised by
     * the mark its thread carries ({@link dev.rebound.client.ResendMarks}), never by the handler: other agents wrap it on the way
     * in, and a wrapped {@code JdkCall} taken for a new call made every re-send open another call.
     */
    public static Object handler(Object facadeRef, Object client, Object request, Object handler, Object pushHandler,
                                 Object executor) {
        JdkClientAdapter a = adapter;
        if (a == null || handler == null || request == null) {
            return handler;
        }
        try {
            ResendMarks.Scope<JdkCall> resend = JdkCall.RESENDS.current();
            if (resend != null) {
                if (!resend.entered) {
                    resend.entered = true; // our re-send, however others wrapped its handler on the way here
                } else {
                    NESTED.report();
                }
                return handler;
            }
            if (handler instanceof JdkCall) {
                // Ours, yet sent outside a re-send of ours: never a second call around it.
                STRAY.report();
                return handler;
            }
            Object facade = facadeRef instanceof Reference ? ((Reference<?>) facadeRef).get() : null;
            // Only HttpClient.send passes no executor: its thread then waits in send until the call ends.
            Thread syncCaller = executor == null ? Thread.currentThread() : null;
            JdkCall call = a.newCall(facade != null ? facade : client, request, handler, pushHandler, syncCaller);
            return call != null ? call : handler;
        } catch (Throwable t) {
            fault(t);
            return handler;
        }
    }

    /**
     * At every return of that method: the future the caller gets. {@code handler} is the method's own
     * parameter, which {@link #handler} set moments before: a new call's {@link JdkCall}. A re-send's future
     * goes back unchanged (to the {@code JdkCall} that made it), whatever its handler.
     */
    public static Object future(Object returned, Object handler) {
        if (!(handler instanceof JdkCall) || returned == null) {
            return returned;
        }
        try {
            return ((JdkCall) handler).attach(returned);
        } catch (Throwable t) {
            fault(t);
            return returned;
        }
    }

    /**
     * At the entry of {@code MultiExchange.responseAsync}: true switches off the JDK's own one-time re-send
     * (of a request whose pooled connection turned out closed, or that failed to connect) for a call whose
     * resets rebound itself re-sends, so that wire attempts never exceed {@code max-attempts}. The handler
     * is the call's own on a first attempt; on a re-send it may be another agent's wrapper, and the
     * thread's re-send mark names the call.
     */
    public static boolean suppressJdkRetry(Object handler) {
        try {
            if (handler instanceof JdkCall) {
                return ((JdkCall) handler).resendsResets();
            }
            ResendMarks.Scope<JdkCall> resend = JdkCall.RESENDS.current();
            return resend != null && resend.entered && resend.call.resendsResets();
        } catch (Throwable t) {
            fault(t);
            return false;
        }
    }

    static void fault(Throwable t) {
        FAULT.report(t);
    }
}
