package dev.rebound.agent;

import dev.rebound.config.ConfigKeys;
import dev.rebound.config.ConfigLoader;
import dev.rebound.config.ReboundConfig;
import dev.rebound.engine.CallListener;
import dev.rebound.engine.Clock;
import dev.rebound.engine.RandomSource;
import dev.rebound.engine.RetryEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watcher's thread against a real file: writes in place and by rename, and a file that goes away. */
class ConfigFileWatcherTest {
    private static final ConfigKeys KEYS = ConfigKeys.of(List.of("http-url-connection"));

    @TempDir
    Path dir;

    @Test
    void takesUpEachSavedContentAndNeverAHalfWrittenOne() throws Exception {
        Path file = dir.resolve("r.properties");
        Files.writeString(file, "max-attempts=2\n");
        ReboundConfig start = ConfigLoader.load(KEYS, Map.of("rebound.config-file", file.toString()), Map.of());
        RetryEngine engine = new RetryEngine(Policies.from(start, new ArrayList<>()), Clock.SYSTEM,
                RandomSource.THREAD_LOCAL, CallListener.NOOP);
        LiveConfig live = new LiveConfig(start, engine, engine.policy());
        ConfigFileWatcher watcher = ConfigFileWatcher.start(file.toString(), live);
        java.io.PrintStream realErr = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            // In place, truncated then written in two parts: a read between them sees half the file, which
            // the next read contradicts, so only the whole is taken up.
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write("max-attempts=4\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(ConfigFileWatcher.POLL_MILLIS / 5);
                out.write("mode=observe\n".getBytes(StandardCharsets.UTF_8));
            }
            await(() -> engine.policy().observeOnly());
            assertEquals(4, engine.policy().maxAttempts());
            assertEquals("rebound: config changed (file " + file + "): mode retry -> observe, max-attempts 2 -> 4",
                    err.toString(StandardCharsets.UTF_8).strip(), "one change, the whole file");

            Files.delete(file);
            Thread.sleep(3 * ConfigFileWatcher.POLL_MILLIS);
            assertTrue(engine.policy().observeOnly(), "a file gone keeps the last good configuration");

            Path tmp = dir.resolve("r.properties.tmp");
            Files.writeString(tmp, "max-attempts=5\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            await(() -> engine.policy().maxAttempts() == 5);
            assertFalse(engine.policy().observeOnly());
        } finally {
            watcher.stop();
            System.setErr(realErr);
        }
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not applied within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
