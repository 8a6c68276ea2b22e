package dev.rebound.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java 9+ definer: classes land in the loader asked for, without that loader's lookup, and without reflection. */
class ClassDefinerTest {
    private static ClassDefiner definer;

    /** Defined into fresh loaders that cannot find it themselves. */
    public static class Probe {
    }

    public static class ProbeChild extends Probe {
    }

    @BeforeAll
    static void definer() throws Exception {
        definer = ClassDefiner.of(ByteBuddyAgent.install());
    }

    @Test
    void oneModularDefinerPerJvm() throws Exception {
        assertEquals("dev.rebound.agent.ModularClassDefiner", definer.getClass().getName());
        assertSame(definer, ClassDefiner.of(ByteBuddyAgent.install()));
    }

    @Test
    void definesInTheGivenLoaderAndReturnsTheSameClassWhenAskedAgain() throws Exception {
        ClassLoader loader = new ClassLoader(ClassLoader.getPlatformClassLoader()) { };
        Class<?> defined = definer.define(Probe.class.getName(), bytes(Probe.class), loader);

        assertSame(loader, defined.getClassLoader());
        assertEquals(Probe.class.getName(), defined.getName());
        assertSame(defined, definer.define(Probe.class.getName(), bytes(Probe.class), loader));
    }

    @Test
    void aMissingSupertypeIsReportedNotSwallowed() {
        ClassLoader loader = new ClassLoader(ClassLoader.getPlatformClassLoader()) { };

        assertThrows(NoClassDefFoundError.class,
                () -> definer.define(ProbeChild.class.getName(), bytes(ProbeChild.class), loader));
    }

    @Test
    void modulesAreLookedUpInTheBootLayer() {
        assertTrue(definer.hasModule("java.net.http"));
        assertFalse(definer.hasModule("java.net.http.nosuch"));
    }

    private static byte[] bytes(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
