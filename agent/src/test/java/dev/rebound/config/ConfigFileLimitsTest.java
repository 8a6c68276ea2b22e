package dev.rebound.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A config file the agent cannot trust: too many unknown keys, too large, not a regular file. */
class ConfigFileLimitsTest {

    @TempDir
    Path dir;

    private static List<String> messages(ReboundConfig c) {
        return c.problems().stream().map(ConfigProblem::message).toList();
    }

    private static ReboundConfig withFile(Path f) {
        return ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.config-file", f.toString()), Map.of());
    }

    @Test
    void unknownKeysAreCappedAndTheRestCounted() throws IOException {
        StringBuilder sb = new StringBuilder("max-attempts=4\n");
        for (int i = 0; i < 500; i++) {
            sb.append("junk").append(1000 + i).append("=x\n");
        }
        Path f = dir.resolve("many.properties");
        Files.write(f, sb.toString().getBytes(StandardCharsets.UTF_8));

        List<String> lines = messages(withFile(f));

        assertEquals(UnknownKeyLines.MAX_LINES + 1, lines.size(), String.join("\n", lines));
        assertEquals("rebound: unknown key junk1000 in config file '" + f + "' (ignored)", lines.get(0));
        assertEquals("rebound: " + (500 - UnknownKeyLines.MAX_LINES) + " more unknown keys in config file '" + f
                + "' (ignored)", lines.get(lines.size() - 1));
        assertEquals(4, withFile(f).maxAttempts(), "known keys still apply");
    }

    @Test
    void binaryFileGivesABoundedNumberOfLines() throws IOException {
        byte[] junk = new byte[64 * 1024];
        new Random(7).nextBytes(junk);
        Path f = dir.resolve("binary.properties");
        Files.write(f, junk);

        List<String> lines = messages(withFile(f));

        assertTrue(lines.size() <= UnknownKeyLines.MAX_LINES + 1, String.join("\n", lines));
        for (String line : lines) {
            assertTrue(line.startsWith("rebound: ") && line.length() < 400, line);
        }
    }

    @Test
    void unknownSystemPropertiesAndEnvVarsAreCappedToo() {
        Map<String, String> props = new java.util.HashMap<>();
        Map<String, String> env = new java.util.HashMap<>();
        for (int i = 0; i < 30; i++) {
            props.put("rebound.zz" + (10 + i), "1");
            env.put("REBOUND_ZZ" + (10 + i), "1");
        }
        List<String> lines = messages(ConfigLoader.load(TestKeys.KEYS, props, env));
        assertEquals(2 * (UnknownKeyLines.MAX_LINES + 1), lines.size(), String.join("\n", lines));
        assertTrue(lines.contains("rebound: " + (30 - UnknownKeyLines.MAX_LINES)
                + " more unknown system properties (ignored)"), String.join("\n", lines));
        assertTrue(lines.contains("rebound: " + (30 - UnknownKeyLines.MAX_LINES)
                + " more unknown environment variables (ignored)"), String.join("\n", lines));
    }

    @Test
    void fileOverTheSizeLimitIsRefusedWithOneLine() throws IOException {
        Path f = dir.resolve("huge.properties");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write("max-attempts=4\n".getBytes(StandardCharsets.UTF_8));
            raf.setLength(ConfigFile.MAX_BYTES + 1);
        }
        ReboundConfig c = withFile(f);
        assertEquals(List.of("rebound: cannot read config file '" + f + "' (larger than 1 MiB); continuing without it"),
                messages(c));
        assertEquals(3, c.maxAttempts(), "nothing from a refused file is used");
    }

    @Test
    void fileAtTheSizeLimitIsRead() throws IOException {
        Path f = dir.resolve("big.properties");
        byte[] content = new byte[(int) ConfigFile.MAX_BYTES];
        java.util.Arrays.fill(content, (byte) '\n');
        byte[] setting = "max-attempts=4\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(setting, 0, content, 0, setting.length);
        Files.write(f, content);
        ReboundConfig c = withFile(f);
        assertEquals(List.of(), messages(c));
        assertEquals(4, c.maxAttempts());
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void deviceIsNotRead() {
        ReboundConfig c = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.config-file", "/dev/zero"), Map.of()));
        assertEquals(List.of("rebound: cannot read config file '/dev/zero' (not a regular file); continuing without it"),
                messages(c));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void fifoWithoutAWriterDoesNotBlock() throws Exception {
        Path fifo = dir.resolve("rebound.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        // A blocked read here would hang the test thread for good; the preemptive timeout turns it into a failure.
        ReboundConfig c = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> withFile(fifo));
        assertEquals(List.of("rebound: cannot read config file '" + fifo + "' (not a regular file); continuing without it"),
                messages(c));
    }
}
