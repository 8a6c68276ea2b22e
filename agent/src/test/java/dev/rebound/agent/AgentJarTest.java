package dev.rebound.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's own jar reader gives the bytes the JDK's would, for deflated and stored entries alike. */
class AgentJarTest {
    @TempDir
    Path dir;

    @Test
    void readsDeflatedAndStoredClassesTheFilterAccepts() throws Exception {
        byte[] small = "a small class".getBytes("UTF-8");
        byte[] large = new byte[300_000];
        Random random = new Random(7);
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (random.nextInt(16)); // compressible, but not to nothing
        }
        byte[] stored = new byte[5000];
        random.nextBytes(stored);
        File jar = dir.resolve("agent.jar").toFile();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar.toPath()))) {
            out.setComment("a comment after the central directory");
            put(out, "a/", new byte[0], false);
            put(out, "a/Small.class", small, false);
            put(out, "a/readme.txt", small, false);
            put(out, "a/Large.class", large, false);
            put(out, "b/Stored.class", stored, true);
            put(out, "c/Other.class", small, false);
        }

        AgentJar.Index index = AgentJar.Index.read(jar);
        AgentJar.Classes found = new AgentJar.Classes();
        index.addClasses(jar, name -> !name.startsWith("c/"), found);

        assertEquals(List.of("a.Small", "a.Large", "b.Stored"), found.names);
        assertArrayEquals(small, found.bytes.get(0));
        assertArrayEquals(large, found.bytes.get(1));
        assertArrayEquals(stored, found.bytes.get(2));
    }

    @Test
    void aFileThatIsNoZipIsAnIOExceptionSoTheJdksReaderTakesOver() throws Exception {
        File notAJar = dir.resolve("not.jar").toFile();
        Files.write(notAJar.toPath(), new byte[100]);
        assertThrows(IOException.class, () -> AgentJar.Index.read(notAJar));
    }

    private static void put(JarOutputStream out, String name, byte[] bytes, boolean store) throws IOException {
        JarEntry entry = new JarEntry(name);
        if (store) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(bytes.length);
            entry.setCompressedSize(bytes.length);
            entry.setCrc(crc.getValue());
        }
        out.putNextEntry(entry);
        OutputStream body = out;
        body.write(bytes);
        out.closeEntry();
    }
}
