package dev.rebound.bench.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JdksTest {

    @Test
    void picksTheNewestOtherJdkWithALauncher(@TempDir Path root) throws Exception {
        int running = Runtime.version().feature();
        fakeJdk(root.resolve("old"), "11.0.2", true);
        fakeJdk(root.resolve("same"), running + ".0.1", true);
        fakeJdk(root.resolve("newer"), (running + 4) + ".0.3", true);
        fakeJdk(root.resolve("newest-but-broken"), (running + 8) + "", false);

        List<Jdks.Jdk> jdks = Jdks.runningAndNewest(root);

        assertEquals(2, jdks.size());
        assertEquals(running, jdks.get(0).major());
        assertEquals(root.resolve("newer"), jdks.get(1).home());
        assertEquals(running + 4, jdks.get(1).major());
    }

    @Test
    void readsTheFeatureReleaseFromTheReleaseFile(@TempDir Path root) throws Exception {
        fakeJdk(root, "25.0.3", true);
        assertEquals(25, Jdks.majorOf(root));
        assertEquals(-1, Jdks.majorOf(root.resolve("nowhere")));
    }

    private static void fakeJdk(Path home, String version, boolean launcher) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
        if (launcher) {
            Path java = home.resolve("bin/java");
            Files.writeString(java, "#!/bin/sh\n");
            java.toFile().setExecutable(true);
        }
    }
}
