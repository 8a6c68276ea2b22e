package dev.rebound.agent;

import dev.rebound.client.BridgeFactory;
import dev.rebound.client.ClientModule;
import dev.rebound.log.Log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * TEMP (okhttp branch): defines a client module's app-loader classes into the loader of each woven class,
 * all of them on the first bridge asked for in that loader, then makes the bridge. The lead's generic
 * wiring replaces this.
 */
final class ModuleLoaderBridges implements BridgeFactory {
    private final ClassDefiner definer;
    private final ClientModule module;
    private final Map<ClassLoader, Boolean> defined = new WeakHashMap<ClassLoader, Boolean>();
    private List<String> names;
    private List<byte[]> bytes;

    ModuleLoaderBridges(ClassDefiner definer, ClientModule module) {
        this.definer = definer;
        this.module = module;
    }

    @Override
    public synchronized Object create(Class<?> wovenClass, String bridgeClass) throws Exception {
        ClassLoader loader = wovenClass.getClassLoader();
        if (loader == null) {
            throw new IllegalArgumentException("not a class from an app class loader: " + wovenClass);
        }
        if (!defined.containsKey(loader)) {
            readClasses();
            BootstrapInjector.defineAll(definer, names, bytes, loader);
            defined.put(loader, Boolean.TRUE);
            if (Log.debugEnabled()) {
                Log.debug("rebound: " + module.label() + " bridges defined in class loader " + loader.getClass().getName());
            }
        }
        return Class.forName(bridgeClass, true, loader).getConstructor().newInstance();
    }

    private void readClasses() throws IOException {
        if (names != null) {
            return;
        }
        List<String> n = new ArrayList<String>();
        List<byte[]> b = new ArrayList<byte[]>();
        String location;
        try {
            location = new java.io.File(ModuleLoaderBridges.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (Exception e) {
            throw new IOException(e);
        }
        JarFile jar = new JarFile(location);
        try {
            for (java.util.Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                for (String prefix : module.appLoaderPackages()) {
                    if (entry.getName().startsWith(prefix) && entry.getName().endsWith(".class")) {
                        n.add(BootstrapInjector.className(entry));
                        b.add(BootstrapInjector.read(jar, entry));
                    }
                }
            }
        } finally {
            jar.close();
        }
        names = n;
        bytes = b;
    }
}
