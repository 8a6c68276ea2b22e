package dev.rebound.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Defines the classes that woven JDK code calls (config, engine, metrics, client hooks) in the bootstrap
 * class loader, straight from the agent jar; with them the weaver and its shaded ASM, because defining
 * bytes already read is much cheaper at start-up than the system loader's own lookup of each class.
 *
 * <p>Why not {@code Instrumentation.appendToBootstrapClassLoaderSearch}: HotSpot then prints a CDS warning
 * on stderr and turns class sharing off for the app's classes. Defining the classes through the JDK's
 * internal {@code Unsafe.defineClass} with a null loader has neither effect. It needs
 * {@code jdk.internal.misc} exported to the agent, which {@code Instrumentation.redefineModule} grants;
 * java.base is then made to read the bootstrap loader's unnamed module, where the classes land.
 */
final class BootstrapInjector {
    private static final String[] BOOT_PACKAGES = {
        "dev/rebound/config/", "dev/rebound/engine/", "dev/rebound/metrics/", "dev/rebound/client/", "dev/rebound/log/",
        "dev/rebound/weave/", "dev/rebound/shaded/"
    };
    /** Client code typed against a library in the app's class loaders: defined there, see {@link AppLoaderBridges}. */
    private static final String[] APP_LOADER_PACKAGES = {
        "dev/rebound/client/apache4/", "dev/rebound/client/apache5/", "dev/rebound/client/okhttp/bridge/"
    };
    /** Client packages compiled for a later Java that name platform-loader APIs: see {@link PlatformInjector}. */
    static final String[] PLATFORM_PACKAGES = {"dev/rebound/client/jdk/"};

    private BootstrapInjector() {
    }

    /**
     * True for class entries that go on the bootstrap path; {@code *Instrumentation} classes are the agent's
     * wiring and app-loader classes name library types: they stay out.
     */
    static boolean isBootClass(String entryName) {
        if (!entryName.endsWith(".class") || entryName.contains("Instrumentation")) {
            return false;
        }
        for (String prefix : APP_LOADER_PACKAGES) {
            if (entryName.startsWith(prefix)) {
                return false;
            }
        }
        for (String prefix : PLATFORM_PACKAGES) {
            if (entryName.startsWith(prefix)) {
                return false;
            }
        }
        for (String prefix : BOOT_PACKAGES) {
            if (entryName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static void inject(Instrumentation inst, JarFile agentJar) throws Exception {
        List<String> names = new ArrayList<String>();
        List<byte[]> bytes = new ArrayList<byte[]>();
        for (Enumeration<JarEntry> e = agentJar.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            if (isBootClass(entry.getName())) {
                names.add(className(entry));
                bytes.add(read(agentJar, entry));
            }
        }
        ClassDefiner definer = ClassDefiner.of(inst);
        defineAll(definer, names, bytes, null);
        // Woven java.base code calls these classes: java.base must read the bootstrap loader's unnamed module.
        definer.addReads(Object.class, Class.forName(names.get(0), false, null));
    }

    static String className(JarEntry entry) {
        return entry.getName().substring(0, entry.getName().length() - 6).replace('/', '.');
    }

    /** Defines the classes in {@code loader} (null: bootstrap), in passes: a class needs its supertypes first. */
    static void defineAll(ClassDefiner definer, List<String> names, List<byte[]> bytes, ClassLoader loader)
            throws Exception {
        List<String> pending = names;
        List<byte[]> pendingBytes = bytes;
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

    static byte[] read(JarFile jar, JarEntry entry) throws IOException {
        InputStream in = jar.getInputStream(entry);
        try {
            long size = entry.getSize();
            if (size >= 0 && size < Integer.MAX_VALUE) {
                // The jar records each size: read straight into the result, no buffer and no copy at start-up.
                byte[] bytes = new byte[(int) size];
                int n = 0;
                for (int r; n < bytes.length && (r = in.read(bytes, n, bytes.length - n)) > 0; ) {
                    n += r;
                }
                if (n == bytes.length && in.read() < 0) {
                    return bytes;
                }
                throw new IOException(entry.getName() + ": " + size + " bytes recorded, a different length read");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            in.close();
        }
    }
}
