package dev.rebound.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.it.apps.SleepyApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's own parsing and process handling, so a scenario failure is never the harness's. */
class HarnessSelfTest {

    private static final String SHA = "a".repeat(64);

    @Test
    void parsesACallLineWithHeaders() {
        CallLine line = CallLine.parse("call=3 status=502 bytes=12 sha256=" + SHA + " ms=140 hdr.Retry-After=1 hdr.Server=nginx/1.22 x");
        assertEquals(3, line.index());
        assertEquals(Integer.valueOf(502), line.status());
        assertEquals(12, line.bytes());
        assertEquals(SHA, line.sha256());
        assertEquals(140, line.ms());
        assertEquals("1", line.header("Retry-After"));
        assertEquals("nginx/1.22 x", line.header("Server"));
        assertFalse(line.isError());
    }

    @Test
    void parsesAnErrorLine() {
        CallLine line = CallLine.parse("call=1 error=java.net.ConnectException ms=7");
        assertTrue(line.isError());
        assertEquals("java.net.ConnectException", line.error());
        assertNull(line.status());
        assertEquals(7, line.ms());
    }

    @Test
    void rejectsACallLineWithoutItsFields() {
        assertThrows(IllegalArgumentException.class, () -> CallLine.parse("call=1 status=200 ms=3"));
        assertThrows(IllegalArgumentException.class, () -> CallLine.parse("call=1 status=200 bytes=0 sha256=xyz ms=3"));
    }

    @Test
    void parsesTheWholeOutput() {
        AppOutput out = AppOutput.parse("call=1 status=200 bytes=0 sha256=" + SHA + " ms=1\n"
                + "call=2 error=java.io.IOException ms=2\nsomething else\ndone calls=2 ok=1 errors=1\n");
        assertEquals(2, out.calls().size());
        assertEquals(new AppOutput.Done(2, 1, 1), out.done());
        assertEquals(java.util.List.of("something else"), out.otherLines());
        assertThrows(AssertionError.class, out::only);
    }

    @Test
    void parsesPrometheusText() {
        PromText text = PromText.parse("# HELP x y\n# TYPE rebound_retries_total counter\n"
                + "rebound_retries_total{client=\"http-url-connection\",host=\"127.0.0.1:80\",reason=\"502\"} 2.0\n"
                + "rebound_retries_total{client=\"http-url-connection\",host=\"127.0.0.1:80\",reason=\"connect-failure\"} 1\n"
                + "rebound_info{version=\"1.0 \\\"q\\\"\"} 1 1700000000\n"
                + "up 1\n");
        assertEquals(3.0, text.sum("rebound_retries_total", Map.of("host", "127.0.0.1:80")), 0.0);
        assertEquals(1.0, text.sum("rebound_retries_total", Map.of("reason", "connect-failure")), 0.0);
        assertEquals(0.0, text.sum("rebound_retries_total", Map.of("host", "other")), 0.0);
        assertEquals("1.0 \"q\"", text.select("rebound_info", Map.of()).get(0).labels().get("version"));
        assertTrue(text.has("up"));
    }

    @Test
    void readsAJdksFeatureFromItsReleaseFile(@TempDir Path home) throws IOException {
        assertEquals(Optional.empty(), Jdks.featureOf(home));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"25.0.3\"\n");
        assertEquals(Optional.of(25), Jdks.featureOf(home));
    }

    @Test
    void theMatrixStartsWithTheBuildJdk() {
        assertEquals(Jdks.build(), Jdks.all().get(0));
        assertEquals(Jdks.all().size(), Jdks.all().stream().map(Jdk::feature).distinct().count());
    }

    @Test
    void aChildThatOutlivesItsTimeoutIsDestroyedAndFailsTheTest() {
        long start = System.nanoTime();
        AssertionError failure = assertThrows(AssertionError.class, () -> ChildJvm.on(Jdks.build())
                .testApp(SleepyApp.class)
                .timeout(Duration.ofSeconds(2))
                .run());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(failure.getMessage().contains("did not finish within"), failure::getMessage);
        assertTrue(failure.getMessage().contains("sleeping"), () -> "output so far is kept: " + failure.getMessage());
        assertTrue(elapsedMs < 10_000, "the timeout is enforced: " + elapsedMs + " ms");
        assertTrue(ProcessHandle.current().children().noneMatch(p -> p.info().commandLine().orElse("").contains(SleepyApp.class.getName())),
                "the child process is gone");
    }

    @Test
    void theChildDoesNotInheritAgentSettingsFromTheBuild() {
        ChildResult result = ChildJvm.on(Jdks.build())
                .env("REBOUND_FROM_TEST", "kept")
                .testApp(dev.rebound.it.apps.EnvEchoApp.class)
                .run();
        assertEquals(0, result.exitCode(), result::describe);
        assertTrue(result.stdoutLines().contains("REBOUND_FROM_TEST=kept"), result::describe);
        assertTrue(result.stdoutLines().stream().noneMatch(l -> l.startsWith("JAVA_TOOL_OPTIONS=") || l.startsWith("_JAVA_OPTIONS=")),
                result::describe);
    }
}
