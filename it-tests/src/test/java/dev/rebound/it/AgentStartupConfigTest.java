package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up configuration a user can get wrong, in a child JVM with the agent: the start-up line shows what is
 * in force, a hostile config file costs a few bounded lines and never blocks or fills the heap, and the
 * {@code -javaagent} arguments are configuration. Wire attempts are counted on the upstream.
 */
class AgentStartupConfigTest extends UpstreamTest {

    @TempDir
    Path dir;

    private String path;
    private String body;

    private void upstreamDownForever() {
        path = "/" + unique("down");
        body = unique("bad gateway");
        upstream.always(path, status(502, body));
    }

    private static List<String> reboundLines(ChildResult result) {
        return result.stderrLines().stream().filter(l -> l.startsWith("rebound")).toList();
    }

    private static String startupLine(ChildResult result) {
        return result.stderrLines().stream().filter(l -> l.contains(": instrumenting ")).findFirst()
                .orElseThrow(() -> new AssertionError("no start-up line\n" + result.describe()));
    }

    @AcrossJdks
    void startupLineShowsTheMaxElapsedInForceNotTheRefusedZero(Jdk jdk) {
        upstreamDownForever();
        ChildResult result = call(app(jdk, true).rebound("max-elapsed", "0").rebound("backoff.initial", "1ms")
                .rebound("backoff.max", "1ms"), upstream.url(path));
        String line = startupLine(result);
        assertTrue(line.contains(" max-elapsed=10s "), () -> "the default in force\n" + result.describe());
        assertTrue(reboundLines(result).stream().anyMatch(l -> l.contains("max-elapsed: '0' (below the minimum 1ms); using 10s")),
                result::describe);
        assertWireAttempts(3, path, result);
    }

    @AcrossJdks
    void configFileWithHundredsOfUnknownKeysPrintsAFewLines(Jdk jdk) throws IOException {
        upstreamDownForever();
        StringBuilder sb = new StringBuilder("max-attempts=2\n");
        for (int i = 0; i < 5000; i++) {
            sb.append("junk.").append(10000 + i).append("=x\n");
        }
        Path file = dir.resolve("many.properties");
        Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));

        ChildResult result = call(app(jdk, true).rebound("config-file", file.toString()), upstream.url(path));

        List<String> lines = reboundLines(result);
        assertEquals(10 + 1 + 1, lines.size(), () -> "10 unknown keys, the count of the rest, the start-up line\n"
                + result.describe());
        assertTrue(lines.contains("rebound: 4990 more unknown keys in config file '" + file + "' (ignored)"),
                result::describe);
        assertWireAttempts(2, path, result);
    }

    @AcrossJdks
    void configFileOverOneMebibyteIsRefusedWithOneLine(Jdk jdk) throws IOException {
        upstreamDownForever();
        Path file = dir.resolve("huge.properties");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write("max-attempts=2\n".getBytes(StandardCharsets.UTF_8));
            raf.setLength(10L * 1024 * 1024);
        }

        ChildResult result = call(app(jdk, true).rebound("config-file", file.toString()), upstream.url(path));

        assertEquals(List.of("rebound: cannot read config file '" + file + "' (larger than 1 MiB); continuing without it"),
                reboundLines(result).stream().filter(l -> !l.contains(": instrumenting ")).toList(), result::describe);
        assertWireAttempts(3, path, result);
    }

    @AcrossJdks
    void configFileNamingADeviceIsNotRead(Jdk jdk) {
        upstreamDownForever();
        // -Xmx64m: reading /dev/zero whole would fail the start-up with an OutOfMemoryError, not quietly.
        ChildResult result = call(app(jdk, true).jvmArg("-Xmx64m").rebound("config-file", "/dev/zero"),
                upstream.url(path));
        assertEquals(List.of("rebound: cannot read config file '/dev/zero' (not a regular file); continuing without it"),
                reboundLines(result).stream().filter(l -> !l.contains(": instrumenting ")).toList(), result::describe);
        assertWireAttempts(3, path, result);
    }

    @AcrossJdks
    void configFileNamingAFifoWithoutAWriterDoesNotBlockStartUp(Jdk jdk) throws Exception {
        upstreamDownForever();
        Path fifo = dir.resolve("rebound.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo");

        // Blocked in premain, the child would outlive ChildJvm's timeout and fail the test there.
        ChildResult result = call(app(jdk, true).rebound("config-file", fifo.toString()), upstream.url(path));

        assertTrue(reboundLines(result).contains("rebound: cannot read config file '" + fifo
                + "' (not a regular file); continuing without it"), result::describe);
        assertWireAttempts(3, path, result);
    }

    @AcrossJdks
    void agentArgumentsAreConfiguration(Jdk jdk) {
        upstreamDownForever();
        ChildResult result = call(app(jdk, true).agentArgs("max-attempts=5,retry-on=502,503;backoff.max=1ms"),
                upstream.url(path));
        assertWireAttempts(5, path, result);
        assertResponse(502, body, result);
        assertTrue(startupLine(result).contains(" max-attempts=5 retry-on=502,503 "), result::describe);
    }

    @AcrossJdks
    void agentArgumentsRankBelowSystemPropertiesAndNameBadKeys(Jdk jdk) {
        upstreamDownForever();
        ChildResult result = call(app(jdk, true).agentArgs("max-attempts=5;max-atempts=6;backoff.max=1ms")
                .rebound("max-attempts", "2"), upstream.url(path));
        assertWireAttempts(2, path, result);
        assertTrue(reboundLines(result).contains(
                "rebound: unknown key max-atempts in agent arguments (ignored); did you mean max-attempts?"),
                result::describe);
    }
}
