package dev.rebound.agent;

import dev.rebound.client.ClientModule;
import dev.rebound.client.ClientSetup;

import java.lang.instrument.Instrumentation;
import java.util.HashSet;
import java.util.Set;

/**
 * Defines a client's own classes where its descriptor says, when its first target class loads: its hooks
 * and adapter in the bootstrap loader, or, for a client of a platform-loader module such as
 * {@code java.net.http}, in the platform loader; then makes its {@link ClientSetup}.
 *
 * <p>Why the platform loader for such hooks: they name the module's types, which the bootstrap loader
 * cannot see; the system loader would not do either, since JDK code resolves its references through its
 * own loader and the platform loader never asks the system loader. Classes defined in the platform loader
 * land in its unnamed module, which reads every module, so they still reach the engine on the bootstrap
 * path. They are compiled for the Java release that has the module.
 */
final class ClientClasses {
    private final Instrumentation inst;
    private final AgentJar jar;
    /** Packages already defined, by loader: two descriptors may share one (Apache 4 and 5 share their hooks). */
    private final Set<String> defined = new HashSet<String>();

    ClientClasses(Instrumentation inst, AgentJar jar) {
        this.inst = inst;
        this.jar = jar;
    }

    /** Defines the client's classes (once per package) and returns its setup, made in the loader that has it. */
    synchronized ClientSetup setUp(ClientModule module) throws Exception {
        ClassDefiner definer = ClassDefiner.of(inst);
        for (String prefix : module.bootPackages()) {
            if (defined.add("boot:" + prefix)) {
                BootstrapInjector.defineAll(definer, jar.classes(ownClasses(module, prefix)), null);
            }
        }
        ClassLoader setupLoader = null;
        if (module.platformPackage() != null) {
            setupLoader = platformLoader();
            if (setupLoader == null) {
                throw new IllegalStateException("no platform class loader on this JVM");
            }
            Class<?> api = Class.forName(module.platformApiClass(), false, setupLoader);
            if (defined.add("platform:" + module.platformPackage())) {
                AgentJar.Classes classes = jar.classes(ownClasses(module, module.platformPackage()));
                if (classes.isEmpty()) {
                    throw new IllegalStateException("no classes under " + module.platformPackage() + " in the agent jar");
                }
                BootstrapInjector.defineAll(definer, classes, setupLoader);
                definer.addReads(api, Class.forName(classes.names.get(0), false, setupLoader));
            }
        }
        // A constructor, not a static method: cheap at start-up on JDK 18+ (see AgentStarter).
        return (ClientSetup) Class.forName(module.setupClass(), true, setupLoader).getDeclaredConstructor().newInstance();
    }

    /**
     * The classes under {@code prefix} that belong in its loader: not the descriptor (it stays with the
     * agent), nor what the descriptor puts in other loaders.
     */
    private static AgentJar.EntryFilter ownClasses(final ClientModule module, final String prefix) {
        final String descriptor = module.declaredBy().replace('.', '/');
        return new AgentJar.EntryFilter() {
            @Override
            public boolean accepts(String entryName) {
                if (!entryName.startsWith(prefix)
                        || entryName.startsWith(descriptor) && (entryName.charAt(descriptor.length()) == '.'
                        || entryName.charAt(descriptor.length()) == '$')) {
                    return false;
                }
                for (String other : module.appLoaderPackages()) {
                    if (!other.equals(prefix) && entryName.startsWith(other)) {
                        return false;
                    }
                }
                String platform = module.platformPackage();
                return platform == null || platform.equals(prefix) || !entryName.startsWith(platform);
            }
        };
    }

    /**
     * The platform class loader (Java 9+), or null on Java 8. Found as the top of the system loader's
     * parents rather than by reflection, which on recent JDKs spins method handles at start-up.
     */
    static ClassLoader platformLoader() {
        if (System.getProperty("java.specification.version", "1.8").startsWith("1.")) {
            return null;
        }
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        while (loader != null && loader.getParent() != null) {
            loader = loader.getParent();
        }
        return loader;
    }
}
