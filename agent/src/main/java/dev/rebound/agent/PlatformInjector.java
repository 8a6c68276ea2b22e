package dev.rebound.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Defines the hooks of a client whose JDK module is loaded by the platform class loader (such as
 * {@code java.net.http}) in that loader, and makes the module read them.
 *
 * <p>Why not the bootstrap loader like the other hooks: they name the module's types, and the bootstrap
 * loader cannot see the platform loader's modules. Why not the system loader: JDK code resolves its
 * references through its own loader, and the platform loader never asks the system loader. Classes
 * defined in the platform loader land in its unnamed module, which reads every module, so they still
 * reach the engine on the bootstrap path. They are compiled for the Java release that has the module;
 * on an older JVM (or a runtime image without the module) nothing is defined.
 */
final class PlatformInjector {
    private PlatformInjector() {
    }

    /**
     * Defines the agent jar's classes under {@code packagePrefix} (an internal name prefix, minus the
     * {@code *Instrumentation} classes) in the platform loader, if that loader has {@code apiClass}.
     *
     * @return the platform loader, or null when this JVM has no such API
     */
    static ClassLoader inject(Instrumentation inst, String packagePrefix, String apiClass) throws Exception {
        ClassLoader platform = platformLoader();
        if (platform == null) {
            return null;
        }
        Class<?> api;
        try {
            api = Class.forName(apiClass, false, platform);
        } catch (ClassNotFoundException e) {
            return null;
        }
        List<String> names = new ArrayList<String>();
        List<byte[]> bytes = new ArrayList<byte[]>();
        JarFile jar = new JarFile(agentJar());
        try {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (name.startsWith(packagePrefix) && name.endsWith(".class") && !name.contains("Instrumentation")) {
                    names.add(BootstrapInjector.className(entry));
                    bytes.add(BootstrapInjector.read(jar, entry));
                }
            }
        } finally {
            jar.close();
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no classes under " + packagePrefix + " in the agent jar");
        }
        ClassDefiner definer = ClassDefiner.of(inst);
        BootstrapInjector.defineAll(definer, names, bytes, platform);
        definer.addReads(api, Class.forName(names.get(0), false, platform));
        return platform;
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

    private static File agentJar() throws Exception {
        return new File(PlatformInjector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
