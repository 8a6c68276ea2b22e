package dev.rebound.client.apache;

import dev.rebound.client.BridgeFactory;
import dev.rebound.client.CallDepth;
import dev.rebound.log.Log;

/**
 * The static entry points that the code woven into Apache HttpClient's {@code doExecute} calls. Lives on
 * the bootstrap path, so that every class loader reaches it by parent delegation; the Apache-typed half
 * (the {@link ApacheBridge}) is found per woven class. Every fault fails open: the call proceeds as if
 * rebound were absent.
 */
public final class ApacheHooks {
    private static volatile ApacheAdapter adapter;
    private static volatile BridgeFactory factory;

    private static final CallDepth<ApacheScratch> CALLS = new CallDepth<ApacheScratch>("apache-httpclient") {
        @Override
        protected ApacheScratch newScratch() {
            return new ApacheScratch();
        }
    };

    /** Stands for "no bridge" for a woven class whose loader could not be given one. */
    private static final Object NO_BRIDGE = new Object();

    /** One bridge per woven class, made on its first call; lock- and allocation-free afterwards. */
    private static final ClassValue<Object> BRIDGES = new ClassValue<Object>() {
        @Override
        protected Object computeValue(Class<?> wovenClass) {
            BridgeFactory f = factory;
            try {
                String bridge = bridgeClassFor(wovenClass.getName());
                if (f != null && bridge != null) {
                    return (ApacheBridge) f.create(wovenClass, bridge);
                }
            } catch (Throwable t) {
                Log.error("rebound: cannot reach Apache HttpClient in the class loader of " + wovenClass.getName()
                        + ", its calls run without rebound: " + t);
            }
            return NO_BRIDGE;
        }
    };

    private ApacheHooks() {
    }

    /** The bridge class for a woven Apache class, by the version its name shows; null for any other class. */
    static String bridgeClassFor(String wovenClassName) {
        if (wovenClassName.startsWith("org.apache.http.")) {
            return "dev.rebound.client.apache4.Apache4Bridge";
        }
        if (wovenClassName.startsWith("org.apache.hc.client5.")) {
            return "dev.rebound.client.apache5.Apache5Bridge";
        }
        return null;
    }

    public static void install(ApacheAdapter newAdapter, BridgeFactory newFactory) {
        factory = newFactory;
        adapter = newAdapter;
    }

    /** Before each run of a woven {@code doExecute(target, request, context)}. */
    public static void enter(Object wovenClass, Object target, Object request) {
        ApacheAdapter a = adapter;
        if (a == null) {
            return;
        }
        ApacheScratch s = CALLS.enter();
        if (s == null) {
            return;
        }
        if (s.rerun) {
            s.rerun = false; // the next attempt of the call under way
            return;
        }
        try {
            Object bridge = BRIDGES.get((Class<?>) wovenClass);
            if (bridge == NO_BRIDGE) {
                s.clear();
                return;
            }
            a.enter(s, (ApacheBridge) bridge, target, request);
        } catch (Throwable t) {
            CALLS.fault(s, t);
        }
    }

    /** After each run of a woven {@code doExecute}; true to run it again. */
    public static boolean exit(Object client, Object returned, Throwable thrown) {
        ApacheAdapter a = adapter;
        if (a == null) {
            return false;
        }
        ApacheScratch s = CALLS.exit();
        if (s == null) {
            return false; // a nested call (an interceptor calling out): not ours
        }
        try {
            return s.bridge != null && a.exit(s, returned, thrown);
        } catch (Throwable t) {
            CALLS.fault(s, t);
            return false;
        } finally {
            CALLS.exited(s);
        }
    }
}
