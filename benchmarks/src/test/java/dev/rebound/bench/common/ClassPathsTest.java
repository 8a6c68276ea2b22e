package dev.rebound.bench.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClassPathsTest {

    @Test
    void dropsEveryEntryThatHoldsTheAgentAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path agentClasses = dir.resolve("agent-classes");
        Files.createDirectories(agentClasses.resolve("dev/rebound/agent"));
        Files.write(agentClasses.resolve("dev/rebound/agent/Premain.class"), new byte[] {1});
        Path appClasses = dir.resolve("app-classes");
        Files.createDirectories(appClasses.resolve("dev/rebound/engine"));
        Path agentJar = dir.resolve("agent.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(agentJar))) {
            out.putNextEntry(new JarEntry("dev/rebound/agent/Premain.class"));
            out.closeEntry();
        }
        Path otherJar = dir.resolve("other.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(otherJar))) {
            out.putNextEntry(new JarEntry("x/Y.class"));
            out.closeEntry();
        }
        String cp = String.join(File.pathSeparator, agentClasses.toString(), appClasses.toString(),
                agentJar.toString(), otherJar.toString(), dir.resolve("missing.jar").toString());

        assertEquals(String.join(File.pathSeparator, appClasses.toString(), otherJar.toString(),
                dir.resolve("missing.jar").toString()), ClassPaths.withoutAgent(cp));
    }
}
