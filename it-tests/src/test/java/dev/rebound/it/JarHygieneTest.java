package dev.rebound.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The shipped agent jar: only our own (or relocated) classes, and an agent manifest. */
class JarHygieneTest {

    @Test
    void everyClassLivesUnderDevRebound() throws IOException {
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            List<String> strays = jar.stream()
                    .map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class"))
                    .filter(n -> !n.startsWith("dev/rebound/"))
                    .toList();
            assertEquals(List.of(), strays,
                    "third-party classes must be relocated under dev/rebound/shaded/ (a shared name would clash with the app's copy)");
            assertTrue(jar.stream().anyMatch(e -> e.getName().startsWith("dev/rebound/shaded/")),
                    "the relocated Byte Buddy is under dev/rebound/shaded/");
        }
    }

    /**
     * A Java 8 JVM must be able to load the agent: every class is a Java 8 class file, except the JDK
     * HttpClient hooks (Java 11, defined only where {@code java.net.http} exists), the Java 9+ class
     * definer (made by name only on Java 9+) and the attach CLI (reached by name from the CLI only).
     */
    @Test
    void classFilesAreJava8ExceptTheJdkHttpClientHooks() throws IOException {
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            List<String> tooNew = new java.util.ArrayList<>();
            int java11 = 0;
            for (JarEntry entry : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                int major;
                try (java.io.DataInputStream in = new java.io.DataInputStream(jar.getInputStream(entry))) {
                    in.readInt();
                    in.readUnsignedShort();
                    major = in.readUnsignedShort();
                }
                // The JDK HttpClient hooks (not their descriptor, which every JVM loads at start-up), and the
                // Java 9+ class definer that ClassDefiner makes by name.
                boolean java11Only = entry.getName().startsWith("dev/rebound/client/jdk/")
                        && !entry.getName().startsWith("dev/rebound/client/jdk/JdkClientModule")
                        || entry.getName().equals("dev/rebound/agent/ModularClassDefiner.class")
                        || entry.getName().equals("dev/rebound/agent/AttachCli.class");
                java11 += java11Only ? 1 : 0;
                if (major > (java11Only ? 55 : 52)) {
                    tooNew.add(entry.getName() + " (class file major " + major + ")");
                }
            }
            assertEquals(List.of(), tooNew, "class files newer than their target release");
            assertTrue(java11 > 0, "the JDK HttpClient hooks are in the jar");
        }
    }

    @Test
    void manifestDeclaresTheAgent() throws IOException {
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            Manifest manifest = jar.getManifest();
            assertNotNull(manifest, "the agent jar has a manifest");
            Attributes main = manifest.getMainAttributes();
            String premain = main.getValue("Premain-Class");
            String agentClass = main.getValue("Agent-Class");
            assertNotNull(premain, "Premain-Class");
            assertNotNull(agentClass, "Agent-Class");
            assertEquals("true", main.getValue("Can-Retransform-Classes"), "Can-Retransform-Classes");
            for (String declared : List.of(premain, agentClass)) {
                String entry = declared.replace('.', '/') + ".class";
                assertNotNull(jar.getEntry(entry), "the manifest's class is in the jar: " + entry);
            }
        }
    }
}
