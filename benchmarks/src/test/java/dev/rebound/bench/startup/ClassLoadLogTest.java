package dev.rebound.bench.startup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClassLoadLogTest {

    @Test
    void reducesTheLogsToCountsAndMoments(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("cl.txt");
        Files.writeString(classes, String.join("\n",
                "[1000000ns] java.lang.Object source: shared objects file",
                "[5000000ns] dev.rebound.agent.Premain source: file:/x/rebound-agent.jar",
                "[5500000ns] java.lang.invoke.LambdaForm$MH/0x0000000099043000 source: __JVM_LookupDefineClass__",
                "[5600000ns] java.lang.invoke.LambdaForm$NamedFunction source: shared objects file",
                "[6000000ns] dev.rebound.engine.RetryEngine source: __JVM_DefineClass__",
                "[9000000ns] app.Main source: file:/app/",
                "[9500000ns] dev.rebound.weave.Weaver source: file:/x/rebound-agent.jar",
                "[9700000ns] dev.rebound.shaded.bytebuddy.jar.asm.ClassReader source: file:/x/rebound-agent.jar",
                "[12000000ns] sun.net.www.protocol.http.HttpURLConnection source: jrt:/java.base",
                "not a class line", ""));
        Path phases = dir.resolve("st.txt");
        Files.writeString(phases, "[3000000ns] Initialize module system, 0.0420000 secs\n[8000000ns] Create VM, 0.0800000 secs\n");

        ClassLoadLog log = new ClassLoadLog(classes, phases);

        assertEquals(9, log.classCount());
        assertEquals(1, log.spunBetween("dev.rebound.agent.Premain", "dev.rebound.engine.RetryEngine"));
        assertEquals(0, log.spunBetween("dev.rebound.engine.RetryEngine", "app.Main"));
        assertEquals(4, log.count("dev.rebound."));
        assertEquals(1, log.countDefined("dev.rebound."));
        assertEquals(2, log.countBefore("dev.rebound.", "app.Main", true));
        assertEquals(2, log.countBefore("dev.rebound.", "app.Main", false));
        assertEquals(42.0, log.phaseMillis("Initialize module system"), 1e-9);
        assertEquals(80.0, log.phaseMillis("Create VM"), 1e-9);
        assertEquals(Double.NaN, log.phaseMillis("Genesis"));
        assertEquals(9.0, log.atMillis("app.Main"), 1e-9);
        assertEquals(5.0, log.firstMillis("dev.rebound."), 1e-9);
        assertEquals(6.0, log.lastBeforeMillis("dev.rebound.", "app.Main"), 1e-9);
        assertEquals(12.0, log.lastLoadMillis(), 1e-9);
    }
}
