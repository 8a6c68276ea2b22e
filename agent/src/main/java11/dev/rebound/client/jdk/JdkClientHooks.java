package dev.rebound.client.jdk;

import dev.rebound.engine.RetryEngine;
import dev.rebound.log.Log;

import java.lang.ref.Reference;

/**
 * The static entry points that the code woven into {@code jdk.internal.net.http.HttpClientImpl} and
 * {@code MultiExchange} calls. Defined in the platform class loader (next to {@code java.net.http}, which
 * the bootstrap loader cannot see), so it may name {@code java.net.http} types; the engine it reaches is
 * on the bootstrap path. Every fault fails open: the call proceeds as if rebound were absent.
 */
public final class JdkClientHooks {
    private static volatile JdkClientAdapter adapter;
    private static volatile boolean faultReported;

    private JdkClientHooks() {
    }

    /** Called reflectively by the agent once the engine exists. */
    public static void install(RetryEngine engine) {
        adapter = new JdkClientAdapter(engine, Delays.SHARED);
    }

    /**
     * At the entry of {@code sendAsync(request, handler, pushHandler, executor)}, the one method behind
     * {@code send} (the one caller that passes no executor) and both {@code sendAsync} overloads: the body
     * handler the JDK will use. A call rebound
     * manages gets its {@link JdkCall} as the handler; a handler that already is one is a re-send of ours.
     */
    public static Object handler(Object facadeRef, Object client, Object request, Object handler, Object pushHandler,
                                 Object executor) {
        JdkClientAdapter a = adapter;
        if (a == null || handler == null || request == null || handler instanceof JdkCall) {
            return handler;
        }
        try {
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

    /** At every return of that method: the future the caller gets. */
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
     * resets rebound itself re-sends, so that wire attempts never exceed {@code max-attempts}.
     */
    public static boolean suppressJdkRetry(Object handler) {
        try {
            return handler instanceof JdkCall && ((JdkCall) handler).resendsResets();
        } catch (Throwable t) {
            fault(t);
            return false;
        }
    }

    static void fault(Throwable t) {
        if (!faultReported) {
            faultReported = true;
            Log.error("rebound: jdk-http-client: internal error, call continues unretried: " + t);
        }
    }
}
