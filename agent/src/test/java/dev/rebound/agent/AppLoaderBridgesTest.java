package dev.rebound.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.client.apache.ApacheBridge;
import dev.rebound.engine.Client;
import java.net.URL;
import java.net.URLClassLoader;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bridges are defined into the very loader that loaded HttpClient, one per loader, so that two loaders
 * (two web apps, two versions) each get a bridge linked against their own copy.
 */
class AppLoaderBridgesTest {
    private static AppLoaderBridges bridges;

    @BeforeAll
    static void definer() throws Exception {
        bridges = new AppLoaderBridges(ClassDefiner.of(ByteBuddyAgent.install()), AgentJar.open(), ClientModules.all());
    }

    /** Sees rebound's classes through the test's loader, and HttpClient only through its own jars. */
    private static URLClassLoader appLoader(Class<?>... libraryClasses) throws Exception {
        URL[] jars = new URL[libraryClasses.length];
        for (int i = 0; i < jars.length; i++) {
            jars[i] = libraryClasses[i].getProtectionDomain().getCodeSource().getLocation();
        }
        ClassLoader reboundOnly = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.startsWith("dev.rebound.")) {
                    return AppLoaderBridgesTest.class.getClassLoader().loadClass(name);
                }
                throw new ClassNotFoundException(name);
            }
        };
        return new URLClassLoader(jars, reboundOnly);
    }

    @Test
    void eachLoaderGetsItsOwnBridgeLinkedAgainstItsOwnLibrary() throws Exception {
        try (URLClassLoader first = appLoader(org.apache.http.HttpHost.class, org.apache.http.client.HttpClient.class);
             URLClassLoader second = appLoader(org.apache.http.HttpHost.class, org.apache.http.client.HttpClient.class)) {
            Class<?> internal1 = first.loadClass("org.apache.http.impl.client.InternalHttpClient");
            Class<?> minimal1 = first.loadClass("org.apache.http.impl.client.MinimalHttpClient");
            Class<?> internal2 = second.loadClass("org.apache.http.impl.client.InternalHttpClient");

            ApacheBridge a = bridge(internal1);
            ApacheBridge b = bridge(minimal1);
            ApacheBridge c = bridge(internal2);

            assertSame(first, a.getClass().getClassLoader());
            assertSame(a.getClass(), b.getClass(), "one bridge class per loader");
            assertSame(second, c.getClass().getClassLoader());
            assertNotSame(a.getClass(), c.getClass());
            assertEquals(Client.named("apache-httpclient-4"), a.client());
            Object host = first.loadClass("org.apache.http.HttpHost").getConstructor(String.class, int.class)
                    .newInstance("a.test", 8080);
            assertEquals("a.test", a.host(host, null));
            assertEquals(8080, a.port(host, null));
            assertThrows(ClassCastException.class, () -> c.host(host, null), "the other loader's HttpHost is another type");
        }
    }

    @Test
    void httpClient5GetsItsOwnBridge() throws Exception {
        try (URLClassLoader loader = appLoader(org.apache.hc.client5.http.classic.HttpClient.class,
                org.apache.hc.core5.http.HttpHost.class, org.slf4j.Logger.class)) {
            ApacheBridge bridge = bridge(loader.loadClass("org.apache.hc.client5.http.impl.classic.InternalHttpClient"));
            assertEquals(Client.named("apache-httpclient-5"), bridge.client());
            assertSame(loader, bridge.getClass().getClassLoader());
        }
    }

    /** The Apache hooks name the bridge by the woven class's version, as they do at run time. */
    private static ApacheBridge bridge(Class<?> woven) throws Exception {
        String name = woven.getName().startsWith("org.apache.http.")
                ? "dev.rebound.client.apache4.Apache4Bridge" : "dev.rebound.client.apache5.Apache5Bridge";
        return (ApacheBridge) bridges.create(woven, name);
    }

    @Test
    void onlyDeclaredAppLoaderClassesFromAppLoadersAreMade() throws Exception {
        try (URLClassLoader loader = appLoader(org.apache.http.HttpHost.class, org.apache.http.client.HttpClient.class)) {
            Class<?> woven = loader.loadClass("org.apache.http.impl.client.InternalHttpClient");
            assertThrows(IllegalArgumentException.class, () -> bridges.create(String.class,
                    "dev.rebound.client.apache4.Apache4Bridge"), "a bootstrap class has no app loader");
            assertThrows(IllegalArgumentException.class, () -> bridges.create(woven,
                    "dev.rebound.client.apache.ApacheHooks"), "not an app-loader package");
        }
    }
}
