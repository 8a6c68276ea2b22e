package dev.rebound.client.apache;

import dev.rebound.client.ClientModule;
import dev.rebound.engine.CallListener;
import dev.rebound.engine.Clock;
import dev.rebound.engine.RandomSource;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rebound.weave.TypeWeave;
import dev.rebound.weave.Weaver;
import dev.rebound.engine.Client;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The woven {@code doExecute} of every Apache class the agent targets passes the JVM's verifier: each
 * woven class is defined in a loader of its own, next to its library, and initialised.
 */
class ApacheSetupTest {

    static Stream<Arguments> targets() {
        List<Arguments> all = new ArrayList<>();
        for (ClientModule client : List.of(ApacheModules.HTTPCLIENT_4_MODULE, ApacheModules.HTTPCLIENT_5_MODULE)) {
            for (TypeWeave weave : weaves(client)) {
                all.add(Arguments.of(client, weave));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("targets")
    void wovenClassesVerifyAndLink(ClientModule client, TypeWeave weave) throws Exception {
        byte[] original = bytesOf(weave.internalName());
        byte[] woven = Weaver.weave(original, weave);
        assertNotSame(original, woven);

        try (IsolatedLoader loader = new IsolatedLoader(weave.className(), woven)) {
            Class<?> linked = Class.forName(weave.className(), true, loader);
            assertEquals(loader, linked.getClassLoader());
        }
    }

    @Test
    void bothVersionsAreNamedAndNothingElse() {
        assertEquals(List.of("org.apache.http.impl.client.InternalHttpClient",
                "org.apache.http.impl.client.MinimalHttpClient", "org.apache.http.impl.client.AbstractHttpClient"),
                weaves(ApacheModules.HTTPCLIENT_4_MODULE).stream().map(TypeWeave::className)
                        .collect(Collectors.toList()));
        assertEquals(List.of("org.apache.hc.client5.http.impl.classic.InternalHttpClient",
                "org.apache.hc.client5.http.impl.classic.MinimalHttpClient"),
                weaves(ApacheModules.HTTPCLIENT_5_MODULE).stream().map(TypeWeave::className)
                        .collect(Collectors.toList()));
        assertThrows(IllegalArgumentException.class, () -> weaves(dev.rebound.client.jdk.JdkClientModule.MODULE));
    }

    /** What the setup weaves once installed for that descriptor. */
    static List<TypeWeave> weaves(ClientModule module) {
        ApacheSetup setup = new ApacheSetup();
        RetryEngine engine = new RetryEngine(RetryPolicy.DEFAULTS, Clock.SYSTEM, RandomSource.THREAD_LOCAL,
                CallListener.NOOP);
        setup.install(module, engine, Client.named("apache-httpclient-4"), (woven, bridge) -> null);
        return setup.weaves(engine.policy());
    }

    private static byte[] bytesOf(String internalName) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }

    /** The test class path, child first, with one class replaced by its woven bytes. */
    private static final class IsolatedLoader extends URLClassLoader {
        private final String wovenName;
        private final byte[] woven;

        IsolatedLoader(String wovenName, byte[] woven) throws MalformedURLException {
            super(classPath(), ClassLoader.getPlatformClassLoader());
            this.wovenName = wovenName;
            this.woven = woven;
        }

        private static URL[] classPath() throws MalformedURLException {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                urls.add(new File(entry).toURI().toURL());
            }
            return urls.toArray(new URL[0]);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.equals(wovenName)) {
                return defineClass(name, woven, 0, woven.length);
            }
            return super.findClass(name);
        }
    }
}
