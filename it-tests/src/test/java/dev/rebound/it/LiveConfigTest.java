package dev.rebound.it;

import dev.rebound.it.apps.LiveConfigApp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, live configuration: a JVM under steady load (six threads, each calling one at a time on paths of
 * its own, over HttpURLConnection, the JDK client and Apache HttpClient 5; {@link LiveConfigApp}) against a
 * server that answers each path's first request with a 502 and later ones with a 200 ({@link FailOnceServer}).
 * It starts in observe mode from its config file; then the file moves it to retry (saved by rename, as an
 * editor does), a bad edit of the file is refused, JMX moves it back to observe and a bad JMX write is
 * refused. A call whose first request came before a change went out must have made that phase's number of
 * requests, 1 under observe, 2 under retry; a call overlapping a change either, never another. And no call is
 * lost or counted twice: the app's calls, the paths the server saw and the agent's {@code requests_total}
 * are one and the same number, split alike between the two modes.
 */
class LiveConfigTest {
    private static final String[] CLIENTS = {"url", "jdk", "apache5"};
    private static final int CALLS_PER_PHASE = 20;
    /** The bound from the file's write to the change in force. */
    private static final long APPLIED_WITHIN_NANOS = TimeUnit.SECONDS.toNanos(2);
    /**
     * A call reads the policy when it starts, a little before its first request reaches the server: on a busy
     * machine a thread may stall in between. Judged only from this long after the change was seen in force.
     */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    @AcrossJdks
    void observeToRetryByTheFileAndBackByJmxUnderLoadWithNoCallLostOrCountedTwice(Jdk jdk) throws Exception {
        Path dir = Files.createTempDirectory("rebound-live");
        Path file = dir.resolve("rebound.properties");
        String[] common = {"backoff.initial=1ms", "backoff.max=5ms"};
        write(file, "mode=observe", common);
        int metricsPort = FreePorts.free();
        try (FailOnceServer server = FailOnceServer.start()) {
            Process app = ChildJvm.on(jdk).withAgent().rebound("config-file", file.toString())
                    .rebound("metrics.prometheus.port", Integer.toString(metricsPort))
                    .testApp(LiveConfigApp.class, Artifacts.sampleAppJar())
                    .args(server.base(), "6").startInteractive();
            Output output = new Output(app);
            OutputStream commands = app.getOutputStream();
            try {
                output.await(line -> line.equals("ready"));
                server.awaitCalls(Long.MIN_VALUE, CALLS_PER_PHASE, CLIENTS, output::lines);

                long written = System.nanoTime();
                write(file, "mode=retry", common);
                long applied = output.await(line -> line.equals("rebound: config changed (file " + file
                        + "): mode observe -> retry"));
                long tookNanos = applied - written;
                System.out.println("[live-config] " + jdk + ": file write to change line read: "
                        + TimeUnit.NANOSECONDS.toMillis(tookNanos) + " ms");
                assertTrue(tookNanos < APPLIED_WITHIN_NANOS, () -> "applied after "
                        + TimeUnit.NANOSECONDS.toMillis(tookNanos) + " ms\n" + output.lines());
                server.awaitCalls(applied + SETTLE_NANOS, CALLS_PER_PHASE, CLIENTS, output::lines);

                write(file, "mode=observe", "max-attempts=banana", "backoff.initial=1ms", "backoff.max=5ms");
                long refused = output.await(line -> line.equals("rebound: config change not applied (file " + file
                        + "): bad value for max-attempts: 'banana' (not a whole number); the last good configuration stays"));
                server.awaitCalls(refused, CALLS_PER_PHASE, CLIENTS, output::lines);

                long jmxSent = System.nanoTime();
                send(commands, "jmx Mode observe");
                long jmxApplied = output.await(line -> line.equals("jmx ok Mode now observe"));
                output.await(line -> line.equals("rebound: config changed (jmx): mode retry -> observe"));
                send(commands, "jmx MaxAttempts 11");
                output.await(line -> line.equals("jmx refused MaxAttempts rebound: config change not applied (jmx): "
                        + "value out of range for max-attempts: '11' (above the maximum 10); the last good configuration stays"));
                server.awaitCalls(jmxApplied + SETTLE_NANOS, CALLS_PER_PHASE, CLIENTS, output::lines);

                long stopSent = System.nanoTime();
                send(commands, "stop");
                output.await(line -> line.startsWith("stopped "));
                ChildResult status = ChildJvm.on(jdk).jar(Artifacts.agentJar()).args("status", Long.toString(app.pid()))
                        .timeout(Duration.ofSeconds(60)).run();
                String metrics = metrics(metricsPort);

                String judged = server.judge(
                        new long[] {Long.MIN_VALUE, written, 1},
                        new long[] {applied + SETTLE_NANOS, jmxSent, 2},
                        new long[] {jmxApplied + SETTLE_NANOS, stopSent, 1});
                assertEquals("", judged, () -> judged + "\n" + output.lines());
                Map<Integer, Integer> histogram = server.histogram();
                assertEquals(List.of(1, 2), List.copyOf(histogram.keySet()),
                        () -> "every call made 1 or 2 requests: " + histogram);
                int once = histogram.get(1);
                int twice = histogram.get(2);
                System.out.println("[live-config] " + jdk + ": calls under observe " + once + ", under retry " + twice);
                String stopped = output.first(line -> line.startsWith("stopped "));
                assertEquals("stopped calls=" + (once + twice) + " ok=" + twice + " bad-gateway=" + once
                        + " other=0 errors=0", stopped, "the app saw each call's last answer: 502 once, 200 twice");
                PromText m = PromText.parse(metrics);
                assertEquals(once + twice, (long) m.sum("rebound_requests_total", Map.of()), metrics);
                assertEquals(once, (long) m.sum("rebound_requests_total", Map.of("outcome", "not_retried")), metrics);
                assertEquals(twice, (long) m.sum("rebound_requests_total", Map.of("outcome", "recovered")), metrics);
                assertEquals(twice, (long) m.sum("rebound_retries_total", Map.of()), metrics);

                assertEquals(0, status.exitCode(), status::describe);
                assertTrue(status.stdout().matches("(?s).*\\nmode\\s+= observe  \\(jmx\\)\\n.*"), status::describe);
                assertTrue(status.stdout().matches("(?s).*\\nmax-attempts\\s+= 3  \\(default\\)\\n.*"), status::describe);
                assertTrue(status.stdout().matches("(?s).*\\nbackoff\\.max\\s+= 5ms  \\(file [^)]*\\)\\n.*"),
                        status::describe);
                assertTrue(app.isAlive(), output::lines);
            } finally {
                app.destroyForcibly();
                app.waitFor(10, TimeUnit.SECONDS);
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        }
    }

    /** Writes a sibling file and renames it over the config file, as editors save: never seen half-written. */
    private static void write(Path file, String first, String... more) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(first);
        lines.addAll(List.of(more));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void send(OutputStream commands, String command) throws IOException {
        commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
    }

    private static String metrics(int port) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The app's output lines (stderr merged) with the time each was read, on a thread of their own. */
    private static final class Output {
        private final List<String> lines = new ArrayList<>();
        private final List<Long> times = new ArrayList<>();

        Output(Process process) {
            Thread pump = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        long now = System.nanoTime();
                        synchronized (lines) {
                            lines.add(line);
                            times.add(now);
                        }
                    }
                } catch (IOException ended) {
                    // the app is gone; the assertions say so
                }
            }, "live-config-test-output");
            pump.setDaemon(true);
            pump.start();
        }

        /** When the first such line was read ({@link System#nanoTime()}), waiting up to 30 s for it. */
        long await(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                synchronized (lines) {
                    for (int i = 0; i < lines.size(); i++) {
                        if (wanted.test(lines.get(i))) {
                            return times.get(i);
                        }
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no such line from the app within 30 s:\n" + lines());
        }

        String first(Predicate<String> wanted) {
            synchronized (lines) {
                return lines.stream().filter(wanted).findFirst().orElse(null);
            }
        }

        String lines() {
            synchronized (lines) {
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            }
        }
    }
}
