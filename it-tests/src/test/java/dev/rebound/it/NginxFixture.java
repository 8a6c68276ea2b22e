package dev.rebound.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real nginx (the Debian package) in front of a loopback backend: one process
 * ({@code master_process off; daemon off;}), its config, pid, logs and temp paths all in a temp
 * directory, so it runs as root without touching system directories. {@code proxy_next_upstream off}
 * makes every client request exactly one backend attempt. Stopped through its own process handle.
 */
public final class NginxFixture implements AutoCloseable {

    private static final long START_LIMIT_MS = 10_000;

    private final Process process;
    private final Path dir;
    private final int port;

    private NginxFixture(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** The nginx binary, or a failure (never a skip) telling how to get it. */
    public static Path binary() {
        Optional<Path> found = locate();
        if (found.isEmpty()) {
            throw new AssertionError("nginx is required by the nginx integration test but was not found on PATH "
                    + "or in /usr/sbin: install the Debian package (apt-get install nginx-light); .ci/run does this");
        }
        return found.get();
    }

    static Optional<Path> locate() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    dirs.add(Paths.get(entry));
                }
            }
        }
        dirs.add(Paths.get("/usr/sbin"));
        dirs.add(Paths.get("/usr/local/sbin"));
        return dirs.stream().map(d -> d.resolve("nginx")).filter(Files::isExecutable).findFirst();
    }

    /** Starts nginx on a free loopback port, proxying everything to {@code 127.0.0.1:backendPort}. */
    public static NginxFixture start(int backendPort) {
        Path nginx = binary();
        try {
            Path dir = Files.createTempDirectory("rebound-it-nginx-");
            int port = FreePorts.free();
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, config(dir, port, backendPort));
            Process process = new ProcessBuilder(nginx.toString(), "-p", dir + "/", "-c", conf.toString(),
                    "-e", dir.resolve("error.log").toString())
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .redirectError(dir.resolve("stderr.log").toFile())
                    .start();
            NginxFixture fixture = new NginxFixture(process, dir, port);
            fixture.awaitListening();
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String config(Path dir, int port, int backendPort) {
        return String.join("\n",
                "master_process off;",
                "daemon off;",
                "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " warn;",
                "events { worker_connections 64; }",
                "http {",
                "  access_log " + dir.resolve("access.log") + ";",
                "  client_body_temp_path " + dir.resolve("client_body") + ";",
                "  proxy_temp_path " + dir.resolve("proxy") + ";",
                "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
                "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                "  scgi_temp_path " + dir.resolve("scgi") + ";",
                "  server {",
                "    listen 127.0.0.1:" + port + ";",
                "    server_name localhost;",
                "    location / {",
                "      proxy_pass http://127.0.0.1:" + backendPort + ";",
                "      proxy_next_upstream off;",
                "      proxy_connect_timeout 2s;",
                "      proxy_send_timeout 5s;",
                "      proxy_read_timeout 5s;",
                "    }",
                "  }",
                "}",
                "");
    }

    private void awaitListening() {
        long deadline = System.currentTimeMillis() + START_LIMIT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                String logs = logs();
                close();
                throw new AssertionError("nginx exited with " + process.exitValue() + " at startup:\n" + logs);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(FreePorts.loopback(), port), 200);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        String logs = logs();
        close();
        throw new AssertionError("nginx did not listen on 127.0.0.1:" + port + " within " + START_LIMIT_MS + " ms:\n" + logs);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for nginx", e);
        }
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** nginx's own logs (error log, stderr), for assertion messages. */
    public String logs() {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("error.log", "stderr.log", "access.log")) {
            Path file = dir.resolve(name);
            try {
                if (Files.isRegularFile(file)) {
                    sb.append("--- nginx ").append(name).append(" ---\n")
                            .append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                sb.append("(cannot read ").append(name).append(": ").append(e).append(")\n");
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Left-over files in a temp directory do no harm.
        }
    }
}
