package dev.rebound.agent;

import dev.rebound.log.Log;
import dev.rebound.metrics.MetricsRegistry;
import dev.rebound.metrics.UncoveredLibraries;

import java.util.Collection;

/**
 * Names each known HTTP client that rebound does not cover once, when its telling class first loads, and
 * adds it to the metrics: so that nobody takes the agent's silence for retries of calls it never sees. It
 * only watches: {@link ReboundTransformer} passes it each class load that is not a target, so that the JVM
 * copies each loading class's bytes for one transformer, not two.
 */
final class UncoveredClientWatcher {
    private final UncoveredClients clients;
    private final UncoveredLibraries libraries;

    UncoveredClientWatcher(UncoveredClients clients, UncoveredLibraries libraries) {
        this.clients = clients;
        this.libraries = libraries;
    }

    /** @param covered labels of the clients rebound covers in this JVM */
    static UncoveredClientWatcher of(MetricsRegistry metrics, Collection<String> covered) {
        return new UncoveredClientWatcher(new UncoveredClients(covered), metrics.uncoveredClients());
    }

    /**
     * Names the uncovered libraries among classes that loaded before the watch began (an attach, or classes
     * loaded during premain): the caller passes them once the transformer watches new loads, so that none
     * goes unnamed in between.
     */
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

    /**
     * One class load (not a retransformation); nearly always one {@code endsWith} and nothing allocated.
     *
     * @param internalName as a transformer gets it, {@code a/b/C}
     */
    void loading(String internalName) {
        try {
            String library = clients.libraryOf(internalName);
            if (library != null) {
                seen(library, internalName.replace('/', '.'));
            }
        } catch (Throwable t) {
            // Fail open: a class load must never fail because of this watcher.
        }
    }

    private void seen(String library, String className) {
        if (libraries.add(library)) {
            Log.info("rebound: " + className + " loaded: " + library + " is not covered, its calls are not retried");
        }
    }
}
