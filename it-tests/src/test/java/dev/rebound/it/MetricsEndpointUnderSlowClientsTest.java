package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.it.apps.CommandedApp;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A slowloris client against the agent's Prometheus endpoint in a running app limited to 256 descriptors
 * ({@code ulimit -n}): 300 connections that each send half a request and then nothing. The app's open
 * descriptors (read from {@code /proc/<pid>/fd}) may grow by a few at most, the app's own HTTP calls keep
 * working (they failed with "Too many open files" when the endpoint held every connection), and
 * {@code /metrics} answers again once the slow connections have timed out (request deadline 5 s).
 */
@EnabledOnOs(OS.LINUX)
class MetricsEndpointUnderSlowClientsTest extends UpstreamTest {
    private static final int FILE_LIMIT = 256;
    private static final int SLOW_CLIENTS = 300;
    /** The endpoint's connection cap (4) plus slack for the JVM's own descriptors opening meanwhile. */
    private static final int MAX_FD_GROWTH = 10;

    @AcrossJdks
    void slowClientsCannotTakeTheAppsDescriptors(Jdk jdk) throws Exception {
        String path = "/" + unique("app");
        upstream.always(path, status(200, "fine"));
        int metricsPort = FreePorts.free();
        Process child = ChildJvm.on(jdk).withAgent().rebound("metrics.prometheus.port", Integer.toString(metricsPort))
                .rebound("metrics.jmx.enabled", "false").fileLimit(FILE_LIMIT).testApp(CommandedApp.class).startInteractive();
        List<Socket> slow = new ArrayList<>();
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(1000);
        List<String> transcript = new ArrayList<>();
        try {
            pump(child.getInputStream(), lines);
            PrintWriter commands = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
            awaitLine(lines, transcript, "ready");
            assertEquals("status 200", ask(commands, lines, transcript, "call " + upstream.url(path)), transcript::toString);
            assertTrue(scrape(metricsPort).startsWith("HTTP/1.1 200"), "endpoint up before the slow clients");
            long before = openFds(child);

            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket s = new Socket();
                slow.add(s);
                try {
                    s.connect(new InetSocketAddress("127.0.0.1", metricsPort), 500);
                    OutputStream out = s.getOutputStream();
                    out.write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException refusedOrReset) {
                    // Turned away at once is what the cap is for.
                }
            }
            Thread.sleep(500);
            long during = openFds(child);
            System.out.println("app descriptors: " + before + " before, " + during + " with " + SLOW_CLIENTS
                    + " half-sent requests to the metrics port");
            assertEquals("status 200", ask(commands, lines, transcript, "call " + upstream.url(path)),
                    () -> "the app's own call while the slow clients hold on\n" + transcript);
            assertTrue(during - before <= MAX_FD_GROWTH, () -> "the app's descriptors grew from " + before + " to "
                    + during + " with " + SLOW_CLIENTS + " half-sent requests to its metrics port");

            String response = scrapeWithin(metricsPort, TimeUnit.SECONDS.toMillis(15));
            assertTrue(response.startsWith("HTTP/1.1 200") && response.contains("rebound_requests_total"), response);
            assertTrue(openFds(child) - before <= MAX_FD_GROWTH, "descriptors after the slow clients timed out");
            ask(commands, lines, transcript, "quit");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
            child.destroyForcibly();
            child.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static long openFds(Process child) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(child.pid()), "fd"))) {
            return fds.count();
        }
    }

    /** Scrapes until a 200 comes or {@code millis} pass; the slow connections hold every slot until they expire. */
    private static String scrapeWithin(int port, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = scrape(port);
                if (last.startsWith("HTTP/1.1 200")) {
                    return last;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        return last;
    }

    private static String scrape(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) >= 0; ) {
                body.write(chunk, 0, n);
                if (body.size() > 0 && body.toString(StandardCharsets.UTF_8).contains("\nrebound_info")) {
                    break;
                }
            }
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static String ask(PrintWriter commands, BlockingQueue<String> lines, List<String> transcript, String command)
            throws InterruptedException {
        commands.println(command);
        if (command.equals("quit")) {
            return "";
        }
        return awaitLine(lines, transcript, null);
    }

    /** The next line of the app's own output (agent lines are kept in the transcript only). */
    private static String awaitLine(BlockingQueue<String> lines, List<String> transcript, String expected)
            throws InterruptedException {
        while (true) {
            String line = lines.poll(20, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no line from the app within 20 s; so far: " + transcript);
            }
            transcript.add(line);
            if (line.startsWith("rebound")) {
                continue;
            }
            if (expected != null) {
                assertEquals(expected, line, transcript::toString);
            }
            return line;
        }
    }

    private static void pump(InputStream from, BlockingQueue<String> to) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    to.offer(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "child-output");
        t.setDaemon(true);
        t.start();
    }
}
