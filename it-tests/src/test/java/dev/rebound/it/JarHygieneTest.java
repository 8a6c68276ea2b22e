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
