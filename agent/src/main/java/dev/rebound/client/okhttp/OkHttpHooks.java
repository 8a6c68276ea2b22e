package dev.rebound.client.okhttp;

import dev.rebound.client.BridgeFactory;
import dev.rebound.client.CallDepth;
import dev.rebound.client.OnceLine;
import dev.rebound.log.Log;

/**
 * The static entry points that the code woven into OkHttp calls. Lives on the bootstrap path, so that every
 * class loader reaches it by parent delegation; the OkHttp-typed half (the {@link OkHttpBridge}) is found
 * per woven class. Every fault fails open: the call proceeds as if rebound were absent.
 */
public final class OkHttpHooks {
    private static volatile SyncCalls sync;
    private static volatile AsyncCalls async;
    private static volatile BridgeFactory factory;

    private static final CallDepth<SyncScratch> CALLS = new CallDepth<SyncScratch>("okhttp") {
        @Override
        protected SyncScratch newScratch() {
            return new SyncScratch();
        }
    };

    private static final OnceLine ASYNC_FAULT = new OnceLine("rebound: okhttp: internal error, async call continues unretried");

    /** Stands for "no bridge" for a woven class whose loader could not be given one. */
    private static final Object NO_BRIDGE = new Object();

    /** One bridge per woven class, made on its first call; lock- and allocation-free afterwards. */
    private static final ClassValue<Object> BRIDGES = new ClassValue<Object>() {
        @Override
        protected Object computeValue(Class<?> wovenClass) {
            BridgeFactory f = factory;
            try {
                if (f != null) {
                    return (OkHttpBridge) f.create(wovenClass, OkHttpSetup.BRIDGE_CLASS);
                }
            } catch (Throwable t) {
                Log.error("rebound: cannot reach OkHttp in the class loader of " + wovenClass.getName()
                        + ", its calls run without rebound: " + t);
            }
            return NO_BRIDGE;
        }
    };

    private OkHttpHooks() {
    }

    static void install(SyncCalls newSync, AsyncCalls newAsync, BridgeFactory newFactory) {
        factory = newFactory;
        async = newAsync;
        sync = newSync;
    }

    // ---- RealCall.execute(): marks the thread, so that the follow-up loop below knows it runs a sync call

    public static void executeEnter(Object call) {
        if (sync == null) {
            return;
        }
        SyncScratch s = CALLS.current();
        if (s.executeDepth++ == 0) {
            s.managedInExecute = false;
        }
    }

    public static boolean executeExit(Object call, Object returned, Throwable thrown) {
        if (sync == null) {
            return false;
        }
        SyncScratch s = CALLS.current();
        s.executeDepth = s.executeDepth > 0 ? s.executeDepth - 1 : 0;
        return false;
    }

    // ---- RealCall.cancel(): reaches an async call waiting for its retry at once

    public static void cancelEnter(Object call) {
        // the cancel's effect is looked at once it is done: see cancelExit
    }

    public static boolean cancelExit(Object call, Object returned, Throwable thrown) {
        if (async == null) {
            return false;
        }
        try {
            EnqueuedCall.cancelled(call);
        } catch (Throwable t) {
            ASYNC_FAULT.report(t);
        }
        return false;
    }

    // ---- RetryAndFollowUpInterceptor.intercept(chain): one attempt of a sync call per run

    /** Before each run of the woven follow-up loop. */
    public static void enter(Object wovenClass, Object chain) {
        SyncCalls a = sync;
        if (a == null) {
            return;
        }
        SyncScratch s = CALLS.enter();
        if (s == null) {
            return;
        }
        if (s.rerun) {
            s.rerun = false; // the next attempt of the call under way
            return;
        }
        s.clear();
        if (s.executeDepth != 1 || s.managedInExecute) {
            // An async call's loop (its wait must not hold a dispatcher thread: see EnqueuedCall), a sync
            // call nested in another one's interceptor, or the app's own second proceed(): not managed here.
            return;
        }
        try {
            Object bridge = BRIDGES.get((Class<?>) wovenClass);
            if (bridge == NO_BRIDGE) {
                return;
            }
            s.managedInExecute = true;
            a.enter(s, (OkHttpBridge) bridge, chain);
        } catch (Throwable t) {
            CALLS.fault(s, t);
        }
    }

    /** At each return of the woven follow-up loop: the response to return instead. */
    public static Object returned(Object response) {
        SyncCalls a = sync;
        if (a == null || response == null) {
            return response;
        }
        SyncScratch s = CALLS.current();
        if (s.depth() != 1 || s.bridge == null) {
            return response;
        }
        try {
            return a.returned(s, response);
        } catch (Throwable t) {
            CALLS.fault(s, t);
            return response;
        }
    }

    /** After each run of the woven follow-up loop; true to run it again. */
    public static boolean exit(Object self, Object returned, Throwable thrown) {
        SyncCalls a = sync;
        if (a == null) {
            return false;
        }
        SyncScratch s = CALLS.exit();
        if (s == null) {
            return false; // a nested run: not ours
        }
        try {
            return s.bridge != null && a.exit(s, thrown);
        } catch (Throwable t) {
            CALLS.fault(s, t);
            return false;
        } finally {
            CALLS.exited(s);
        }
    }

    // ---- RealCall.enqueue(callback): the app's callback, or rebound's stand-in for it

    public static Object enqueue(Object wovenClass, Object call, Object callback) {
        AsyncCalls a = async;
        if (a == null || callback == null || EnqueuedCall.RESENDS.claim() != null) {
            return callback; // off, OkHttp's own null check to come, or rebound's own re-send
        }
        try {
            Object bridge = BRIDGES.get((Class<?>) wovenClass);
            return bridge == NO_BRIDGE ? callback : a.callbackFor((OkHttpBridge) bridge, call, callback);
        } catch (Throwable t) {
            ASYNC_FAULT.report(t);
            return callback;
        }
    }
}
