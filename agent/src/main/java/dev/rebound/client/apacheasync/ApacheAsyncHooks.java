package dev.rebound.client.apacheasync;

import dev.rebound.client.ResendMarks;
import dev.rebound.client.BridgeFactory;
import dev.rebound.client.OnceLine;
import dev.rebound.log.Log;

/**
 * The static entry points that the code woven into the Apache async clients' central execute method
 * calls: at its entry, the consumer, producer and callback it will use (rebound's stand-ins); at its
 * return, the future its caller gets (the whole call's). Lives on the bootstrap path; the library-typed
 * half ({@link AsyncBridge}) is found per woven class. Every fault fails open: the call proceeds as if
 * rebound were absent.
 *
 * <p>The entry hooks and the return hook of one run share a thread-local slot: the method never runs
 * nested on a thread, and each entry overwrites what an earlier run that threw may have left.
 */
public final class ApacheAsyncHooks {
    private static final OnceLine FAULT = new OnceLine("rebound: apache async: internal error, call continues unretried");
    private static final OnceLine NESTED = new OnceLine("rebound: apache async: a call was made from inside"
            + " rebound's own re-send (by another agent?); it runs unretried");

    private static volatile ApacheAsyncAdapter adapter4;
    private static volatile ApacheAsyncAdapter adapter5;
    private static volatile BridgeFactory factory;

    /** The attempt the current run of the woven method is making, between its entry and its return. */
    private static final ThreadLocal<AsyncAttempt> RUN = new ThreadLocal<AsyncAttempt>();

    private static final Object NO_BRIDGE = new Object();

    private static final ClassValue<Object> BRIDGES = new ClassValue<Object>() {
        @Override
        protected Object computeValue(Class<?> wovenClass) {
            BridgeFactory f = factory;
            String bridge = wovenClass.getName().startsWith("org.apache.hc.")
                    ? "dev.rebound.client.apacheasync5.HttpClient5AsyncBridge"
                    : "dev.rebound.client.apacheasync4.HttpAsyncClient4Bridge";
            try {
                if (f != null) {
                    return (AsyncBridge) f.create(wovenClass, bridge);
                }
            } catch (Throwable t) {
                Log.error("rebound: cannot reach Apache async client in the class loader of " + wovenClass.getName()
                        + ", its calls run without rebound: " + t);
            }
            return NO_BRIDGE;
        }
    };

    private ApacheAsyncHooks() {
    }

    static void install(boolean version5, ApacheAsyncAdapter adapter, BridgeFactory bridges) {
        factory = bridges;
        if (version5) {
            adapter5 = adapter;
        } else {
            adapter4 = adapter;
        }
    }

    /** 4.1: entry of {@code execute(producer, consumer, context, callback)}; returns the consumer to use. */
    public static Object begin4(Object wovenClass, Object client, Object producer, Object consumer, Object context,
                                Object callback) {
        return begin(adapter4, wovenClass, client, null, producer, consumer, null, context, callback);
    }

    /** 5.x: entry of {@code doExecute(target, producer, consumer, pushHandlerFactory, context, callback)}. */
    public static Object begin5(Object wovenClass, Object client, Object target, Object producer, Object consumer,
                                Object pushHandlers, Object context, Object callback) {
        return begin(adapter5, wovenClass, client, target, producer, consumer, pushHandlers, context, callback);
    }

    private static Object begin(ApacheAsyncAdapter a, Object wovenClass, Object client, Object target,
                                Object producer, Object consumer, Object pushHandlers, Object context,
                                Object callback) {
        if (a == null) {
            return consumer;
        }
        RUN.set(null);
        if (consumer == null || producer == null) {
            return consumer; // the client rejects it itself, as without rebound
        }
        try {
            AsyncCall call;
            ResendMarks.Scope<AsyncCall> resend = AsyncCall.RESENDS.current();
            if (resend != null) {
                if (resend.entered) {
                    NESTED.report();
                    return consumer;
                }
                resend.entered = true;
                call = resend.call;
            } else {
                Object bridge = BRIDGES.get((Class<?>) wovenClass);
                if (bridge == NO_BRIDGE) {
                    return consumer;
                }
                call = a.newCall((AsyncBridge) bridge, client, target, producer, consumer, pushHandlers, context,
                        callback);
                call.bridge.describe(call, target, producer);
            }
            AsyncAttempt attempt = call.newAttempt();
            Object standIn = call.bridge.consumerFor(attempt, consumer);
            RUN.set(attempt);
            return standIn;
        } catch (Throwable t) {
            RUN.set(null);
            FAULT.report(t);
            return consumer;
        }
    }

    /** Entry, after {@link #begin4}/{@link #begin5}: the producer to use (5.x's first attempt reports the request's facts). */
    public static Object producer(Object producer) {
        AsyncAttempt attempt = RUN.get();
        if (attempt == null || !attempt.first) {
            return producer;
        }
        try {
            return attempt.call.bridge.producerFor(attempt.call, producer);
        } catch (Throwable t) {
            FAULT.report(t);
            return producer; // the facts never come: the call stays unmanaged, its attempt final
        }
    }

    /** Entry, last: the callback the client gets, the attempt's own. */
    public static Object callback(Object callback) {
        AsyncAttempt attempt = RUN.get();
        if (attempt == null) {
            return callback;
        }
        try {
            return attempt.call.bridge.callbackFor(attempt);
        } catch (Throwable t) {
            // Without the attempt's callback the call would never hear of it: the attempt runs as the
            // client's own, and the call ends there (a first attempt is then the app's, unmanaged).
            RUN.set(null);
            FAULT.report(t);
            attempt.call.abandon(attempt);
            return callback;
        }
    }

    /** At each return: the first attempt's caller gets the whole call's future; a re-send gets its own. */
    public static Object future(Object returned) {
        AsyncAttempt attempt = RUN.get();
        if (attempt == null) {
            return returned;
        }
        RUN.set(null);
        return attempt.call.attach(attempt, returned);
    }
}
