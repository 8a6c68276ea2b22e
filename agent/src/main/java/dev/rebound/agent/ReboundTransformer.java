package dev.rebound.agent;

import dev.rebound.weave.TypeWeave;
import dev.rebound.weave.Weaver;
import dev.rebound.log.Log;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weaves the few classes rebound instruments, by exact name. Every other class costs one hash lookup,
 * and a client is put in place only when its first target class appears.
 */
final class ReboundTransformer implements ClassFileTransformer {
    /** The JDK's own loaders (Java 9+ has two): a JDK class from any other loader is an impostor. */
    private static final ClassLoader PLATFORM = ClientClasses.platformLoader();

    /** A client's woven classes come from the JDK's own loaders, or (library classes) from any other. */
    static final class Target {
        final String client;
        final boolean jdkClass;
        /** Shared by the client's targets. */
        final Once activation;

        Target(String client, boolean jdkClass, Once activation) {
            this.client = client;
            this.jdkClass = jdkClass;
            this.activation = activation;
        }
    }

    /**
     * Puts a client in place (defines its classes, installs its hooks) and says what to weave: at most
     * once, when the first of its target classes loads, whichever comes first and on whatever thread.
     */
    interface Activation {
        List<TypeWeave> activate() throws Exception;
    }

    /** Runs an {@link Activation} once; its weaves by internal name afterwards, or null when it failed. */
    static final class Once {
        private final String client;
        private final Activation activation;
        private int state; // 0 not yet, 1 done, 2 failed
        private Map<String, TypeWeave> weaves;

        Once(String client, Activation activation) {
            this.client = client;
            this.activation = activation;
        }

        synchronized TypeWeave weaveFor(String internalName) {
            if (state == 0) {
                try {
                    Map<String, TypeWeave> byName = new HashMap<String, TypeWeave>();
                    for (TypeWeave weave : activation.activate()) {
                        byName.put(weave.internalName(), weave);
                    }
                    weaves = byName;
                    state = 1;
                } catch (Throwable t) {
                    state = 2;
                    Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
                    Log.error("rebound: " + client + " not active: cannot install its hooks (" + cause + ")");
                }
            }
            return state == 1 ? weaves.get(internalName) : null;
        }

        synchronized String state() {
            return state == 0 ? "enabled, not loaded yet" : state == 1 ? "in use" : "failed";
        }
    }

    private final Map<String, Target> targets = new HashMap<String, Target>();
    /** Told of every other class load; one transformer, so the JVM copies each loading class's bytes once. */
    private volatile UncoveredClientWatcher watcher;
    /** The same classes by binary name, for the loaded-class scan: no name rewritten per loaded class. */
    private final Set<String> binaryNames = new HashSet<String>();

    /**
     * A client's target classes ({@code a/b/C}), woven as its activation says once the first of them loads.
     *
     * @param jdkClasses targets from the JDK's own loaders only (else from any other loader)
     */
    void add(String client, String[] internalNames, boolean jdkClasses, Activation activation) {
        Target target = new Target(client, jdkClasses, new Once(client, activation));
        for (String name : internalNames) {
            targets.put(name, target);
            binaryNames.add(name.replace('/', '.'));
        }
    }

    /** Weaves known up front, with nothing to put in place first. */
    void add(String client, final List<TypeWeave> weaves, boolean jdkClasses) {
        add(client, weaves, jdkClasses, null);
    }

    /** @param preparation run once before the first of these classes is woven; if it fails, none is */
    void add(String client, final List<TypeWeave> weaves, boolean jdkClasses, final Preparation preparation) {
        String[] names = new String[weaves.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = weaves.get(i).internalName();
        }
        add(client, names, jdkClasses, new Activation() {
            @Override
            public List<TypeWeave> activate() throws Exception {
                if (preparation != null) {
                    preparation.prepare();
                }
                return weaves;
            }
        });
    }

    /** Set before the transformer is added, so that no class load goes unwatched. */
    void watchUncovered(UncoveredClientWatcher watcher) {
        this.watcher = watcher;
    }

    boolean isTarget(String internalName) {
        return targets.containsKey(internalName);
    }

    /** The targets among classes already loaded that the JVM lets rebound retransform. */
    List<Class<?>> loadedTargets(Instrumentation inst, Class<?>[] loaded) {
        List<Class<?>> targets = new ArrayList<Class<?>>();
        for (Class<?> c : loaded) {
            if (isTargetClass(c.getName()) && inst.isModifiableClass(c)) {
                targets.add(c);
            }
        }
        return targets;
    }

    /** Is this loaded class, by {@link Class#getName()}, one of the targets? */
    boolean isTargetClass(String binaryName) {
        return binaryNames.contains(binaryName);
    }

    /** Each client's state by label, for the status command. */
    Map<String, String> clientStates() {
        Map<String, String> states = new HashMap<String, String>();
        for (Target target : targets.values()) {
            states.put(target.client, target.activation.state());
        }
        return states;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        Target target = targets.get(className);
        if (target == null) {
            UncoveredClientWatcher uncovered = watcher;
            if (uncovered != null && classBeingRedefined == null) { // a retransformation is not a load
                uncovered.loading(className);
            }
            return null;
        }
        if (target.jdkClass != (loader == null || loader == PLATFORM)) {
            return null;
        }
        TypeWeave weave = target.activation.weaveFor(className);
        if (weave == null || !target.jdkClass && !reachesBootstrapHooks(loader, target.client, weave)) {
            return null;
        }
        try {
            return Weaver.weave(classfileBuffer, weave);
        } catch (Throwable t) {
            // Fail open: the class stays as it was and the app runs without this client's retries.
            Log.error("rebound: " + target.client + " not active: cannot instrument " + weave.className() + " (" + t + ")");
            return null;
        }
    }

    /**
     * Woven library code calls hooks on the bootstrap path; a loader that does not delegate to it (an
     * OSGi bundle's, say) would make the woven class fail to link. Such a loader's class is left alone.
     */
    private static boolean reachesBootstrapHooks(ClassLoader loader, String client, TypeWeave weave) {
        for (String hooks : weave.hookClasses()) {
            Class<?> found;
            try {
                found = Class.forName(hooks, false, loader);
            } catch (Throwable t) {
                found = null;
            }
            if (found == null || found.getClassLoader() != null) {
                Log.warn("rebound: " + client + " not active for " + weave.className()
                        + " in " + loader.getClass().getName() + ": that class loader does not reach rebound's hooks");
                return false;
            }
        }
        return true;
    }
}
