package dev.rebound.agent;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Defines, at start-up, the classes that every app needs on the bootstrap path: configuration, engine,
 * metrics, log, the clients' common classes, and the weaver with its shaded ASM (defining bytes already
 * read is much cheaper at start-up than the system loader's own lookup of each class). Each client's own
 * classes come later, from {@link ClientClasses}, when its first target class loads.
 *
 * <p>Why not {@code Instrumentation.appendToBootstrapClassLoaderSearch}: HotSpot then prints a CDS warning
 * on stderr and turns class sharing off for the app's classes. Defining the classes through the JDK's
 * internal {@code Unsafe.defineClass} with a null loader has neither effect. It needs
 * {@code jdk.internal.misc} exported to the agent, which {@code Instrumentation.redefineModule} grants;
 * java.base is then made to read the bootstrap loader's unnamed module, where the classes land.
 */
final class BootstrapInjector {
    private static final String[] BOOT_PACKAGES = {
        "dev/rebound/config/", "dev/rebound/engine/", "dev/rebound/metrics/", "dev/rebound/log/",
        "dev/rebound/weave/", "dev/rebound/shaded/"
    };
    /** Only the classes directly in it: each client's subpackage is its own, see {@link ClientClasses}. */
    private static final String CLIENT_COMMON = "dev/rebound/client/";

    private BootstrapInjector() {
    }

    /** True for class entries defined on the bootstrap path at start-up. */
    static boolean isBootClass(String entryName) {
        if (!entryName.endsWith(".class")) {
            return false;
        }
        if (entryName.startsWith(CLIENT_COMMON)) {
            return entryName.indexOf('/', CLIENT_COMMON.length()) < 0;
        }
        for (String prefix : BOOT_PACKAGES) {
            if (entryName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static void inject(Instrumentation inst, AgentJar jar) throws Exception {
        AgentJar.Classes classes = jar.classes(new AgentJar.EntryFilter() {
            @Override
            public boolean accepts(String entryName) {
                return isBootClass(entryName);
            }
        });
        ClassDefiner definer = ClassDefiner.of(inst);
        defineAll(definer, classes, null);
        // Woven java.base code calls these classes: java.base must read the bootstrap loader's unnamed module.
        definer.addReads(Object.class, Class.forName(classes.names.get(0), false, null));
    }

    /** Defines the classes in {@code loader} (null: bootstrap), in passes: a class needs its supertypes first. */
    static void defineAll(ClassDefiner definer, AgentJar.Classes classes, ClassLoader loader) throws Exception {
        List<String> pending = classes.names;
        List<byte[]> pendingBytes = classes.bytes;
        while (!pending.isEmpty()) {
            List<String> later = new ArrayList<String>();
            List<byte[]> laterBytes = new ArrayList<byte[]>();
            Throwable last = null;
            for (int i = 0; i < pending.size(); i++) {
                try {
                    definer.define(pending.get(i), pendingBytes.get(i), loader);
                } catch (NoClassDefFoundError err) {
                    later.add(pending.get(i));
                    laterBytes.add(pendingBytes.get(i));
                    last = err;
                }
            }
            if (later.size() == pending.size()) {
                throw new IllegalStateException("cannot define " + later + " in " + (loader == null ? "the bootstrap loader" : loader), last);
            }
            pending = later;
            pendingBytes = laterBytes;
        }
    }
}
