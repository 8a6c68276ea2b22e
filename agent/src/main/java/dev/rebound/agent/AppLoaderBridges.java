package dev.rebound.agent;

import dev.rebound.client.BridgeFactory;
import dev.rebound.client.ClientModule;
import dev.rebound.log.Log;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Gives each class loader that loads a covered library its own copy of the client's classes typed against
 * that library (a descriptor's app-loader packages, such as the Apache bridges), defined straight into that
 * loader, so that they link against that loader's copy of the library whatever its version, and several
 * loaders with different versions each work. Loaders are held weakly: an undeployed web app's loader can
 * still be collected.
 */
final class AppLoaderBridges implements BridgeFactory {
    private final ClassDefiner definer;
    private final AgentJar jar;
    /** Every descriptor's app-loader packages: nothing else is ever defined in an app's loader. */
    private final List<String> packages = new ArrayList<String>();
    /** Per loader, the packages defined there, each by one of its classes (which keeps the loader alive: weak). */
    private final Map<ClassLoader, Map<String, WeakReference<Class<?>>>> defined =
            new WeakHashMap<ClassLoader, Map<String, WeakReference<Class<?>>>>();
    private final Map<String, AgentJar.Classes> bytes = new HashMap<String, AgentJar.Classes>();

    AppLoaderBridges(ClassDefiner definer, AgentJar jar, List<ClientModule> modules) {
        this.definer = definer;
        this.jar = jar;
        for (ClientModule module : modules) {
            for (String prefix : module.appLoaderPackages()) {
                packages.add(prefix);
            }
        }
    }

    @Override
    public synchronized Object create(Class<?> wovenClass, String bridgeClass) throws Exception {
        ClassLoader loader = wovenClass.getClassLoader();
        String prefix = packageOf(bridgeClass);
        if (prefix == null || loader == null) {
            throw new IllegalArgumentException("no app-loader class " + bridgeClass + " for " + wovenClass);
        }
        Map<String, WeakReference<Class<?>>> inLoader = defined.get(loader);
        if (inLoader == null) {
            inLoader = new HashMap<String, WeakReference<Class<?>>>();
            defined.put(loader, inLoader);
        }
        WeakReference<Class<?>> ref = inLoader.get(prefix);
        if (ref == null || ref.get() == null) {
            AgentJar.Classes classes = classesUnder(prefix);
            BootstrapInjector.defineAll(definer, classes, loader);
            inLoader.put(prefix, new WeakReference<Class<?>>(Class.forName(classes.names.get(0), false, loader)));
            if (Log.debugEnabled()) {
                Log.debug("rebound: " + prefix + " defined in class loader " + loader.getClass().getName());
            }
        }
        return Class.forName(bridgeClass, false, loader).getConstructor().newInstance();
    }

    /** The declared app-loader package that holds the class, or null. */
    private String packageOf(String className) {
        String entry = className.replace('.', '/');
        for (String prefix : packages) {
            if (entry.startsWith(prefix) && entry.indexOf('/', prefix.length()) < 0) {
                return prefix;
            }
        }
        return null;
    }

    private AgentJar.Classes classesUnder(final String prefix) throws Exception {
        AgentJar.Classes cached = bytes.get(prefix);
        if (cached == null) {
            cached = jar.classes(new AgentJar.EntryFilter() {
                @Override
                public boolean accepts(String entryName) {
                    return entryName.startsWith(prefix) && entryName.indexOf('/', prefix.length()) < 0;
                }
            });
            if (cached.isEmpty()) {
                throw new IllegalStateException("no classes under " + prefix + " in the agent jar");
            }
            bytes.put(prefix, cached);
        }
        return cached;
    }
}
