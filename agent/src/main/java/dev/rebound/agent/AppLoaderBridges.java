package dev.rebound.agent;

import dev.rebound.client.apache.ApacheBridge;
import dev.rebound.client.apache.BridgeFactory;
import dev.rebound.log.Log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Gives each class loader that loads Apache HttpClient its own copy of the matching bridge class
 * ({@code Apache4Bridge} or {@code Apache5Bridge}), defined straight into that loader, so that it links
 * against that loader's HttpClient whatever its version, and several loaders with different versions
 * each work. Loaders are held weakly: an undeployed web app's loader can still be collected.
 */
final class AppLoaderBridges implements BridgeFactory {
    private static final String HC4_BRIDGE = "dev.rebound.client.apache4.Apache4Bridge";
    private static final String HC5_BRIDGE = "dev.rebound.client.apache5.Apache5Bridge";

    private final ClassDefiner definer;
    /** Per loader, bridge class name to the class defined there; the class keeps its loader alive, hence weak. */
    private final Map<ClassLoader, Map<String, WeakReference<Class<?>>>> defined =
            new WeakHashMap<ClassLoader, Map<String, WeakReference<Class<?>>>>();
    private final Map<String, byte[]> bytes = new HashMap<String, byte[]>();

    AppLoaderBridges(ClassDefiner definer) {
        this.definer = definer;
    }

    /** The bridge class for a woven Apache class, by its name; null for any other class. */
    static String bridgeClassFor(String wovenClassName) {
        if (wovenClassName.startsWith("org.apache.http.")) {
            return HC4_BRIDGE;
        }
        if (wovenClassName.startsWith("org.apache.hc.client5.")) {
            return HC5_BRIDGE;
        }
        return null;
    }

    @Override
    public synchronized ApacheBridge create(Class<?> wovenClass) throws Exception {
        String bridgeName = bridgeClassFor(wovenClass.getName());
        ClassLoader loader = wovenClass.getClassLoader();
        if (bridgeName == null || loader == null) {
            throw new IllegalArgumentException("not an Apache HttpClient class from an app class loader: " + wovenClass);
        }
        Map<String, WeakReference<Class<?>>> inLoader = defined.get(loader);
        if (inLoader == null) {
            inLoader = new HashMap<String, WeakReference<Class<?>>>();
            defined.put(loader, inLoader);
        }
        WeakReference<Class<?>> ref = inLoader.get(bridgeName);
        Class<?> bridge = ref == null ? null : ref.get();
        if (bridge == null) {
            bridge = definer.define(bridgeName, bytesOf(bridgeName), loader);
            inLoader.put(bridgeName, new WeakReference<Class<?>>(bridge));
            if (Log.debugEnabled()) {
                Log.debug("rebound: " + bridgeName + " defined in class loader " + loader.getClass().getName());
            }
        }
        return (ApacheBridge) bridge.getConstructor().newInstance();
    }

    private byte[] bytesOf(String className) throws IOException {
        byte[] cached = bytes.get(className);
        if (cached != null) {
            return cached;
        }
        String resource = className.replace('.', '/') + ".class";
        InputStream in = AppLoaderBridges.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(resource + " is missing from the agent jar");
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            byte[] read = out.toByteArray();
            bytes.put(className, read);
            return read;
        } finally {
            in.close();
        }
    }
}
