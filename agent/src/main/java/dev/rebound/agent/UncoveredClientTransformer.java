package dev.rebound.agent;

import dev.rebound.log.Log;
import dev.rebound.metrics.MetricsRegistry;
import dev.rebound.metrics.UncoveredLibraries;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collection;

/**
 * Names each known HTTP client that rebound does not cover once, when its telling class first loads, and
 * adds it to the metrics: so that nobody takes the agent's silence for retries of calls it never sees. It
 * only watches: it never changes a class.
 */
final class UncoveredClientTransformer implements ClassFileTransformer {
    private final UncoveredClients clients;
    private final UncoveredLibraries libraries;

    UncoveredClientTransformer(UncoveredClients clients, UncoveredLibraries libraries) {
        this.clients = clients;
        this.libraries = libraries;
    }

    /** @param covered labels of the clients rebound covers in this JVM */
    /**
     * Watches the classes that load from now on; the caller then passes the classes already loaded (an
     * attach) to {@link #nameLoaded}, so that none goes unnamed in between. Null when it cannot watch.
     */
    static UncoveredClientTransformer install(Instrumentation inst, MetricsRegistry metrics, Collection<String> covered) {
        try {
            UncoveredClientTransformer transformer = new UncoveredClientTransformer(
                    new UncoveredClients(covered), metrics.uncoveredClients());
            inst.addTransformer(transformer, false);
            return transformer;
        } catch (Throwable t) {
            Log.error("rebound: cannot watch for HTTP clients it does not cover (" + t + ")");
            return null;
        }
    }

    /** Names the uncovered libraries among classes that loaded before the watch began. */
    void nameLoaded(Class<?>[] loaded) {
        try {
            for (Class<?> c : loaded) {
                String library = clients.libraryOfLoaded(c.getName());
                if (library != null) {
                    seen(library, c.getName());
                }
            }
        } catch (Throwable t) {
            Log.error("rebound: cannot name the HTTP clients already loaded (" + t + ")");
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (classBeingRedefined != null) {
            return null;
        }
        try {
            String library = clients.libraryOf(className);
            if (library != null) {
                seen(library, className.replace('/', '.'));
            }
        } catch (Throwable t) {
            // Fail open: a class load must never fail because of this watcher.
        }
        return null;
    }

    private void seen(String library, String className) {
        if (libraries.add(library)) {
            Log.info("rebound: " + className + " loaded: " + library + " is not covered, its calls are not retried");
        }
    }
}
