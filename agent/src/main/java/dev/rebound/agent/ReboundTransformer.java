package dev.rebound.agent;

import dev.rebound.weave.TypeWeave;
import dev.rebound.weave.Weaver;
import dev.rebound.log.Log;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weaves the few classes rebound instruments, by exact name. Every other class costs one hash lookup,
 * and nothing of the weaving machinery loads until a target class appears.
 */
final class ReboundTransformer implements ClassFileTransformer {
    /** The JDK's own loaders (Java 9+ has two): a JDK class from any other loader is an impostor. */
    private static final ClassLoader PLATFORM = PlatformInjector.platformLoader();

    /**
     * An instrumentation's classes, and whether they must come from the JDK's own loaders (JDK classes) or,
     * for library classes, from any other loader: each app loader that defines one gets it woven.
     */
    static final class Target {
        final String instrumentation;
        final TypeWeave weave;
        final boolean jdkClass;
        /** Shared by the instrumentation's classes; null when it needs none. */
        final Once preparation;

        Target(String instrumentation, TypeWeave weave, boolean jdkClass, Once preparation) {
            this.instrumentation = instrumentation;
            this.weave = weave;
            this.jdkClass = jdkClass;
            this.preparation = preparation;
        }
    }

    /** Runs a {@link Preparation} at most once, whichever target class comes first and on whatever thread. */
    static final class Once {
        private final Preparation preparation;
        private int state; // 0 not yet, 1 done, 2 failed

        Once(Preparation preparation) {
            this.preparation = preparation;
        }

        synchronized boolean ready(String instrumentation) {
            if (state == 0) {
                try {
                    preparation.prepare();
                    state = 1;
                } catch (Throwable t) {
                    state = 2;
                    Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
                    Log.error("rebound: " + instrumentation + " not active: cannot install its hooks (" + cause + ")");
                }
            }
            return state == 1;
        }
    }

    private final Map<String, Target> targets = new HashMap<String, Target>();
    /** The same classes by binary name, for the loaded-class scan: no name rewritten per loaded class. */
    private final Set<String> binaryNames = new HashSet<String>();

    void add(String instrumentation, List<TypeWeave> weaves, boolean jdkClasses) {
        add(instrumentation, weaves, jdkClasses, null);
    }

    /** @param preparation run once before the first of these classes is woven; if it fails, none is */
    void add(String instrumentation, List<TypeWeave> weaves, boolean jdkClasses, Preparation preparation) {
        Once once = preparation == null ? null : new Once(preparation);
        for (TypeWeave weave : weaves) {
            targets.put(weave.internalName(), new Target(instrumentation, weave, jdkClasses, once));
            binaryNames.add(weave.className());
        }
    }

    boolean isTarget(String internalName) {
        return targets.containsKey(internalName);
    }

    /** Is this loaded class, by {@link Class#getName()}, one of the targets? */
    boolean isTargetClass(String binaryName) {
        return binaryNames.contains(binaryName);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        Target target = targets.get(className);
        if (target == null || target.jdkClass != (loader == null || loader == PLATFORM)) {
            return null;
        }
        if (!target.jdkClass && !reachesBootstrapHooks(loader, target)) {
            return null;
        }
        if (target.preparation != null && !target.preparation.ready(target.instrumentation)) {
            return null;
        }
        try {
            return Weaver.weave(classfileBuffer, target.weave);
        } catch (Throwable t) {
            // Fail open: the class stays as it was and the app runs without this instrumentation.
            Log.error("rebound: " + target.instrumentation + " not active: cannot instrument "
                    + target.weave.className() + " (" + t + ")");
            return null;
        }
    }

    /**
     * Woven library code calls hooks on the bootstrap path; a loader that does not delegate to it (an
     * OSGi bundle's, say) would make the woven class fail to link. Such a loader's class is left alone.
     */
    private static boolean reachesBootstrapHooks(ClassLoader loader, Target target) {
        for (String hooks : target.weave.hookClasses()) {
            Class<?> found;
            try {
                found = Class.forName(hooks, false, loader);
            } catch (Throwable t) {
                found = null;
            }
            if (found == null || found.getClassLoader() != null) {
                Log.warn("rebound: " + target.instrumentation + " not active for " + target.weave.className()
                        + " in " + loader.getClass().getName() + ": that class loader does not reach rebound's hooks");
                return false;
            }
        }
        return true;
    }
}
