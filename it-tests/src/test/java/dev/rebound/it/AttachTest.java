package dev.rebound.it;

import dev.rebound.it.apps.AttachLoopApp;
import dev.rebound.it.apps.CommandedApp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar rebound-agent.jar attach|detach|status <pid>} against running JVMs, as an operator runs it.
 *
 * <p>A JVM started without the agent loops GETs with four clients against a server that fails each path's
 * first request with a 502 ({@link AttachLoopApp}). The server notes when each call's first request arrived:
 * a call whose first request came before the attach command started, or after the detach command returned,
 * must have reached the server once; one whose first request came after the attach command returned and
 * before the detach command started, twice; and so again for a second attach. Calls that overlap a command
 * may go either way and are not judged.
 */
class AttachTest {
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    /** Calls of each client per phase before it is judged. */
    private static final int CALLS_PER_PHASE = 4;

    @AcrossJdks
    void retriesOnlyWhileAttachedAndRefusesWhatWouldFail(Jdk jdk) throws Exception {
        try (FailOnceServer server = FailOnceServer.start()) {
            Process app = ChildJvm.on(jdk).testApp(AttachLoopApp.class, Artifacts.sampleAppJar())
                    .args(server.base()).startInteractive();
            Output output = new Output(app);
            String pid = Long.toString(app.pid());
            try {
                server.awaitCalls(Long.MIN_VALUE, CALLS_PER_PHASE, AttachLoopApp.CLIENTS, output::lines);

                ChildResult detachNone = cli(jdk, "detach", pid);
                assertEquals(1, detachNone.exitCode(), detachNone::describe);
                assertTrue(detachNone.stderr().contains("not attached to JVM " + pid), detachNone::describe);
                ChildResult statusNone = cli(jdk, "status", pid);
                assertEquals(1, statusNone.exitCode(), statusNone::describe);
                assertTrue(statusNone.stderr().contains("not loaded in JVM " + pid), statusNone::describe);

                int metricsPort = FreePorts.free();
                String[] settings = {"backoff.initial=1ms", "backoff.max=5ms", "budget.min-per-second=1000",
                    "metrics.prometheus.port=" + metricsPort};
                long attachStarted = System.nanoTime();
                ChildResult attach = cli(jdk, "attach", pid, settings);
                long attachEnded = System.nanoTime();
                assertEquals(0, attach.exitCode(), attach::describe);
                assertTrue(attach.stdout().contains("attached"), attach::describe);
                server.awaitCalls(attachEnded, CALLS_PER_PHASE, AttachLoopApp.CLIENTS, output::lines);
                assertTrue(metrics(metricsPort).contains("rebound_retries_total"), "the endpoint serves");

                ChildResult twice = cli(jdk, "attach", pid);
                assertEquals(1, twice.exitCode(), twice::describe);
                assertTrue(twice.stderr().contains("already attached to JVM " + pid), twice::describe);

                ChildResult status = cli(jdk, "status", pid);
                assertEquals(0, status.exitCode(), status::describe);
                String text = status.stdout();
                assertTrue(text.startsWith("rebound "), status::describe);
                assertTrue(text.contains("loaded by attach"), status::describe);
                for (String client : new String[] {"http-url-connection", "jdk-http-client", "apache-httpclient-5",
                    "apache-httpclient-4"}) {
                    assertTrue(text.contains(client + " (in use)"), () -> client + " in use\n" + status.describe());
                }
                assertTrue(text.matches("(?s).*budget\\.min-per-second\\s*=\\s*1000(\\.0)?\\s+\\(agent arguments\\).*"),
                        () -> "the attach arguments are the configuration\n" + status.describe());
                assertTrue(text.matches("(?s).*retries\\{client=\"http-url-connection\"[^}]*} [1-9].*"),
                        () -> "counters\n" + status.describe());

                // A call in flight across the detach: its 502 comes only after the command returned.
                server.holdNextCall();
                String held = server.awaitHeld();
                long detachStarted = System.nanoTime();
                ChildResult detach = cli(jdk, "detach", pid);
                long detachEnded = System.nanoTime();
                server.release();
                assertEquals(0, detach.exitCode(), detach::describe);
                assertTrue(detach.stdout().contains("detached"), detach::describe);
                server.awaitCalls(detachEnded, CALLS_PER_PHASE, AttachLoopApp.CLIENTS, output::lines);
                assertEquals("closed", metrics(metricsPort), "detach closes the endpoint");
                assertEquals(2, server.requests(held), () -> held + " started attached, so it finishes retried\n"
                        + server.journal());

                ChildResult detachAgain = cli(jdk, "detach", pid);
                assertEquals(1, detachAgain.exitCode(), detachAgain::describe);

                // Once more: the second attach finds rebound's classes already defined in the JVM.
                long reattachStarted = System.nanoTime();
                ChildResult reattach = cli(jdk, "attach", pid, settings);
                long reattachEnded = System.nanoTime();
                assertEquals(0, reattach.exitCode(), reattach::describe);
                server.awaitCalls(reattachEnded, CALLS_PER_PHASE, AttachLoopApp.CLIENTS, output::lines);
                assertTrue(metrics(metricsPort).contains("rebound_retries_total"), "the same port serves again");

                // The app calls one at a time: once each client has called again, every call before is over.
                long judgedUntil = System.nanoTime();
                server.awaitCalls(judgedUntil, 1, AttachLoopApp.CLIENTS, output::lines);
                String judged = server.judge(
                        new long[] {Long.MIN_VALUE, attachStarted, 1},
                        new long[] {attachEnded, detachStarted, 2},
                        new long[] {detachEnded, reattachStarted, 1},
                        new long[] {reattachEnded, judgedUntil, 2});
                assertEquals("", judged, () -> judged + "\n" + server.journal() + "\napp: " + output.lines());
                assertTrue(app.isAlive(), output::lines);
            } finally {
                app.destroyForcibly();
                app.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @AcrossJdks
    void aJavaagentJvmShowsItsStatusButRefusesAttachAndDetach(Jdk jdk) throws Exception {
        Process app = ChildJvm.on(jdk).withAgent().rebound("metrics.jmx.enabled", "false")
                .testApp(CommandedApp.class).startInteractive();
        Output output = new Output(app);
        String pid = Long.toString(app.pid());
        try {
            output.await(line -> line.equals("ready"));
            ChildResult attach = cli(jdk, "attach", pid);
            assertEquals(1, attach.exitCode(), attach::describe);
            assertTrue(attach.stderr().contains("loaded at start-up by -javaagent"), attach::describe);
            ChildResult detach = cli(jdk, "detach", pid);
            assertEquals(1, detach.exitCode(), detach::describe);
            assertTrue(detach.stderr().contains("only an attached rebound can be detached"), detach::describe);
            ChildResult status = cli(jdk, "status", pid);
            assertEquals(0, status.exitCode(), status::describe);
            assertTrue(status.stdout().contains("loaded by -javaagent at start-up"), status::describe);
            assertTrue(status.stdout().contains("http-url-connection ("), status::describe);
            assertTrue(status.stdout().contains("metrics.jmx.enabled"), status::describe);
        } finally {
            app.destroyForcibly();
            app.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @AcrossJdks
    void aProcessThatIsNoJvmIsLeftAlone(Jdk jdk) throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            ChildResult attach = cli(jdk, "attach", Long.toString(sleeper.pid()));
            assertEquals(1, attach.exitCode(), attach::describe);
            assertTrue(attach.stderr().contains("is not a JVM this user can attach to"), attach::describe);
            assertTrue(sleeper.isAlive(), "the Attach API's SIGQUIT would have ended it");
            ChildResult noPid = cli(jdk, "status", "twelve");
            assertEquals(2, noPid.exitCode(), noPid::describe);
            assertTrue(noPid.stderr().startsWith("usage:"), noPid::describe);
        } finally {
            sleeper.destroyForcibly();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The agent's {@code /metrics}, or {@code closed} when nothing listens. */
    private static String metrics(int port) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        try {
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.net.ConnectException e) {
            return "closed";
        }
    }

    private static ChildResult cli(Jdk jdk, String command, String pid, String... settings) {
        return ChildJvm.on(jdk).jar(Artifacts.agentJar()).args(command, pid).args(settings).timeout(CLI_TIMEOUT).run();
    }

    /** The app's output lines, read on a thread of their own so that the app never blocks on a full pipe. */
    private static final class Output {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        Output(Process process) {
            Thread pump = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ended) {
                    // the app is gone; the assertions say so
                }
            }, "attach-test-output");
            pump.setDaemon(true);
            pump.start();
        }

        void await(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                synchronized (lines) {
                    if (lines.stream().anyMatch(wanted)) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no such line from the app within 30 s: " + lines());
        }

        String lines() {
            synchronized (lines) {
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            }
        }
    }
}
