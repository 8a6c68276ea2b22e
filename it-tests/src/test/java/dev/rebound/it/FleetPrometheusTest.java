package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rebound.it.apps.CommandedApp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet view on a real Prometheus server (Debian package {@code prometheus}; a missing binary fails the
 * test): three child JVMs with the agent call a flaky upstream (502 then 200) and a down one (502 forever);
 * Prometheus scrapes them every second and evaluates {@code examples/prometheus/rebound-rules.yml} every
 * second; the recording rules, read through {@code /api/v1/query}, must match what the upstreams saw.
 *
 * <p>The guard is set so that each round on the down host is the same and ends where it began:
 * {@code max-attempts=2}, a budget of one token that each call refills by half ({@code budget.burst=1},
 * {@code budget.ratio=0.5}, no time accrual) and a breaker that opens after two failed retries and sends no
 * probe within the test. Per instance and round, four calls that get 502 forever: the first's retry fails
 * (exhausted; the bucket is empty); the second's retry is refused by the budget (not retried, skip
 * {@code budget}); the third's retry fails and opens the circuit (exhausted); the fourth's retry is refused
 * by the circuit (not retried, skip {@code circuit}). Then a 200 from the down host closes the circuit and
 * fills the bucket again. On the flaky host each 502-then-200 call follows a healthy one: the two earn the
 * token its retry spends, so every flaky call recovers.
 *
 * <p>Rates cannot be compared to counts directly: Prometheus extrapolates each instance's increase to the
 * window by a factor of its own. So the calls come in two identical rounds, the first before Prometheus
 * starts (so that every series of an instance has the same samples) and the second while it scrapes; every
 * instance makes the same calls, so every rule value is (its round-two count) x (one common factor K). K is
 * taken from the fleet's calls per second, and each rule value / K must equal the count the upstreams saw,
 * while the retry ratio, a ratio of two rates, must equal retries / calls as it is.
 *
 * <p>Build JDK only: what is under test is the rules against a real server; the agent's exposition and the
 * HttpURLConnection path are covered on every JDK by the other tests.
 */
class FleetPrometheusTest {
    private static final int INSTANCES = 3;
    private static final int FLAKY_CALLS = 3;
    private static final int DOWN_CALLS = 4;
    private static final int OK_CALLS = FLAKY_CALLS; // one before each flaky call
    private static final int HEAL_CALLS = 1;
    private static final int CALLS_PER_ROUND = FLAKY_CALLS + DOWN_CALLS + OK_CALLS + HEAL_CALLS;
    private static final long WAIT_MILLIS = 30_000;
    private static final double TOLERANCE = 1e-6;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void recordingRulesMatchWhatTheUpstreamsSaw(@TempDir Path dir) throws Exception {
        List<Instance> instances = new ArrayList<>();
        Process prometheus = null;
        Path log = dir.resolve("prometheus.log");
        try (Upstreams flaky = Upstreams.http(); Upstreams down = Upstreams.http()) {
            for (int i = 0; i < INSTANCES; i++) {
                instances.add(Instance.start(FreePorts.free()));
            }
            Round first = new Round("r1", flaky, down);
            first.run(instances);

            int prometheusPort = FreePorts.free();
            prometheus = startPrometheus(dir, prometheusPort, instances, log);
            String api = "http://127.0.0.1:" + prometheusPort;
            awaitReady(api, prometheus, log);
            // Every instance scraped with round one's counts before round two begins.
            awaitValue(api, "count(rebound_info)", INSTANCES, log);
            awaitValue(api, "sum(rebound_requests_total)", INSTANCES * CALLS_PER_ROUND, log);

            Round second = new Round("r2", flaky, down);
            second.run(instances);
            awaitValue(api, "sum(rebound_requests_total)", 2 * INSTANCES * CALLS_PER_ROUND, log);

            // What the upstreams saw in round two, counted per path.
            int recovered = second.withRequests(flaky, second.flaky, 2);
            int ok = second.withRequests(flaky, second.ok, 1);
            int healed = second.withRequests(down, second.heal, 1);
            int exhausted = second.withRequests(down, second.down, 2);
            int notRetried = second.withRequests(down, second.down, 1);
            assertEquals(INSTANCES * FLAKY_CALLS, recovered, "flaky paths that took exactly a 502 and a 200");
            assertEquals(INSTANCES * OK_CALLS, ok, "paths answered at once");
            assertEquals(INSTANCES * HEAL_CALLS, healed, "down host paths answered at once");
            assertEquals(INSTANCES * 2, exhausted, "down paths tried max-attempts (2) times");
            assertEquals(INSTANCES * 2, notRetried, "down paths whose retry was refused");
            // Every down call below max-attempts was cut short by exactly one refused retry.
            int skipped = notRetried;
            int calls = second.flaky.size() + second.ok.size() + second.down.size() + second.heal.size();
            int flakyRetries = second.wire(flaky, second.flaky) + second.wire(flaky, second.ok) - recovered - ok;
            int downRetries = second.wire(down, second.down) - second.down.size();
            double retryRatio = (double) (flakyRetries + downRetries) / calls;

            Map<String, Double> expected = new LinkedHashMap<>();
            expected.put("rebound:retry_ratio:rate5m", retryRatio);
            expected.put("host:rebound_recovered:rate5m{host=\"" + flaky.host() + "\"} / K", (double) recovered);
            expected.put("host:rebound_exhausted:rate5m{host=\"" + down.host() + "\"} / K", (double) exhausted);
            expected.put("host_outcome:rebound_requests:rate5m{host=\"" + flaky.host() + "\",outcome=\"ok\"} / K",
                    (double) ok);
            expected.put("host_outcome:rebound_requests:rate5m{host=\"" + down.host() + "\",outcome=\"ok\"} / K",
                    (double) healed);
            expected.put("host_outcome:rebound_requests:rate5m{host=\"" + down.host()
                    + "\",outcome=\"not_retried\"} / K", (double) notRetried);
            expected.put("sum(host_cause:rebound_retries_skipped:rate5m{host=\"" + down.host() + "\"}) / K",
                    (double) skipped);
            // How the skips split between budget and circuit follows from the settings (see above).
            expected.put("host:rebound_budget_skips:rate5m{host=\"" + down.host() + "\"} / K", (double) INSTANCES);
            expected.put("host:rebound_circuit_skips:rate5m{host=\"" + down.host() + "\"} / K", (double) INSTANCES);
            expected.put("host:rebound_retries:rate5m{host=\"" + down.host() + "\"} / K", (double) downRetries);
            expected.put("host_reason:rebound_retries:rate5m{host=\"" + flaky.host() + "\",reason=\"502\"} / K",
                    (double) flakyRetries);
            expected.put("host_reason:rebound_retries:rate5m{host=\"" + down.host() + "\",reason=\"502\"} / K",
                    (double) downRetries);
            expected.put("host:rebound_retry_success:ratio_rate5m{host=\"" + flaky.host() + "\"}", 1.0);
            expected.put("host:rebound_retry_success:ratio_rate5m{host=\"" + down.host() + "\"}", 0.0);
            expected.put("count(host_outcome:rebound_requests:rate5m)", 5.0);
            expected.put("count(host_cause:rebound_retries_skipped:rate5m)", 2.0);
            expected.put("sum(host:rebound_circuit_open:sum) or vector(-1)", 0.0);
            String kQuery = "sum(host_outcome:rebound_requests:rate5m) / " + calls;

            Map<String, Double> got = awaitRules(api, kQuery, expected, log);
            System.out.println("fleet view: " + calls + " calls in round two (" + recovered + " recovered, "
                    + exhausted + " exhausted, " + notRetried + " not retried, " + (ok + healed) + " ok), "
                    + (flakyRetries + downRetries) + " retries; rules: " + got);
            assertRulesLoaded(api);

            Instance one = instances.get(0);
            assertEquals(FleetExamplesTest.AGENT_SERIES, one.families(http),
                    "the series the examples may read are the ones the agent serves");
            String index = one.get(http, "/");
            assertTrue(index.startsWith("HTTP 200 ") && index.contains("/metrics"), index);
        } finally {
            if (prometheus != null) {
                prometheus.destroy();
                if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                    prometheus.waitFor(5, TimeUnit.SECONDS);
                }
            }
            for (Instance instance : instances) {
                instance.stop();
            }
        }
    }

    private static Process startPrometheus(Path dir, int port, List<Instance> instances, Path log)
            throws IOException {
        Path rules = FleetExamplesTest.prometheusDir();
        StringBuilder targets = new StringBuilder();
        for (Instance instance : instances) {
            targets.append(targets.length() == 0 ? "" : ", ").append("'127.0.0.1:").append(instance.metricsPort)
                    .append('\'');
        }
        String config = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
                + "rule_files:\n"
                + "  - '" + rules.resolve(FleetExamplesTest.RULES) + "'\n"
                + "  - '" + rules.resolve(FleetExamplesTest.ALERTS) + "'\n"
                + "scrape_configs:\n  - job_name: rebound\n    static_configs:\n      - targets: [" + targets + "]\n";
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        Path data = Files.createDirectories(dir.resolve("data"));
        try {
            return new ProcessBuilder("prometheus", "--config.file=" + file, "--storage.tsdb.path=" + data,
                    "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("prometheus is required (Debian package 'prometheus'; .ci/run installs it)", e);
        }
    }

    private void awaitReady(String api, Process prometheus, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!prometheus.isAlive()) {
                throw new AssertionError("prometheus exited with " + prometheus.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("prometheus not ready within " + WAIT_MILLIS + " ms:\n" + tail(log));
    }

    private void awaitValue(String api, String query, double want, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        Double last = null;
        while (System.nanoTime() < deadline) {
            last = scalar(api, query);
            if (last != null && last == want) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(query + " was " + last + ", not " + want + ", after " + WAIT_MILLIS + " ms\n"
                + tail(log));
    }

    /**
     * Polls until every expected value holds (a rule evaluated before the last scrapes of all three instances
     * may be off for a second); fails with the last values seen.
     */
    private Map<String, Double> awaitRules(String api, String kQuery, Map<String, Double> expected, Path log)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        Map<String, Double> got = new LinkedHashMap<>();
        while (true) {
            got.clear();
            Double k = scalar(api, kQuery);
            boolean all = k != null && k > 0;
            for (Map.Entry<String, Double> e : expected.entrySet()) {
                String query = e.getKey();
                boolean scaled = query.endsWith(" / K");
                Double value = scalar(api, scaled ? query.substring(0, query.length() - 4) : query);
                if (value != null && scaled) {
                    value = k == null ? null : value / k;
                }
                got.put(query, value);
                all &= value != null && Math.abs(value - e.getValue()) <= TOLERANCE * Math.max(1, Math.abs(e.getValue()));
            }
            if (all) {
                return got;
            }
            if (System.nanoTime() > deadline) {
                assertEquals(expected.toString(), got.toString(), "recording rules (K = " + k + ") after "
                        + WAIT_MILLIS + " ms\n" + tail(log));
            }
            Thread.sleep(500);
        }
    }

    /** The value of a query that yields one sample, or null when it yields none; more than one fails. */
    private Double scalar(String api, String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(r.body());
        assertEquals("success", body.path("status").asText(), () -> query + ": " + r.body());
        JsonNode result = body.path("data").path("result");
        if (result.size() == 0) {
            return null;
        }
        assertEquals(1, result.size(), () -> query + " yields several samples: " + result);
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    /** Both example files loaded, every rule healthy: a rule Prometheus cannot evaluate shows here. */
    private void assertRulesLoaded(String api) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/rules"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        int recording = 0;
        int alerting = 0;
        for (JsonNode group : json.readTree(r.body()).path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertEquals("ok", rule.path("health").asText(), () -> "rule " + rule);
                if ("recording".equals(rule.path("type").asText())) {
                    recording++;
                } else if ("alerting".equals(rule.path("type").asText())) {
                    alerting++;
                }
            }
        }
        assertEquals(FleetExamplesTest.recordingRules().size(), recording, r::body);
        assertEquals(3, alerting, r::body);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- prometheus log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no prometheus log: " + e + ")";
        }
    }

    /** One round of calls: the same per instance; paths are unique so the upstreams count each call. */
    private static final class Round {
        final String name;
        final Upstreams flakyUpstream;
        final Upstreams downUpstream;
        final List<String> flaky = new ArrayList<>();
        final List<String> down = new ArrayList<>();
        final List<String> ok = new ArrayList<>();
        final List<String> heal = new ArrayList<>();

        Round(String name, Upstreams flakyUpstream, Upstreams downUpstream) {
            this.name = name;
            this.flakyUpstream = flakyUpstream;
            this.downUpstream = downUpstream;
        }

        void run(List<Instance> instances) throws InterruptedException {
            for (Instance instance : instances) {
                for (int i = 0; i < FLAKY_CALLS; i++) {
                    // A healthy call first: with the flaky one it earns the token that pays its retry.
                    String okPath = path("ok", ok);
                    flakyUpstream.always(okPath, status(200, "fine"));
                    assertEquals("status 200", instance.call(flakyUpstream.url(okPath)), instance::transcript);
                    String path = path("flaky", flaky);
                    flakyUpstream.sequence(path, status(502, "bad gateway"), status(200, "fine"));
                    assertEquals("status 200", instance.call(flakyUpstream.url(path)), instance::transcript);
                }
                for (int i = 0; i < DOWN_CALLS; i++) {
                    String path = path("down", down);
                    downUpstream.always(path, status(502, "bad gateway"));
                    assertEquals("status 502", instance.call(downUpstream.url(path)), instance::transcript);
                }
                for (int i = 0; i < HEAL_CALLS; i++) {
                    String path = path("heal", heal);
                    downUpstream.always(path, status(200, "back"));
                    assertEquals("status 200", instance.call(downUpstream.url(path)), instance::transcript);
                }
            }
        }

        private String path(String kind, List<String> into) {
            String path = "/" + name + "-" + kind + "-" + UUID.randomUUID();
            into.add(path);
            return path;
        }

        /** How many of {@code paths} the upstream saw exactly {@code requests} times. */
        int withRequests(Upstreams upstream, List<String> paths, int requests) {
            return (int) paths.stream().filter(p -> upstream.count(p) == requests).count();
        }

        int wire(Upstreams upstream, List<String> paths) {
            return paths.stream().mapToInt(upstream::count).sum();
        }
    }

    /** A child JVM with the agent and its Prometheus endpoint, making calls on command ({@link CommandedApp}). */
    private static final class Instance {
        private static final Pattern TYPE = Pattern.compile("(?m)^# TYPE (\\S+) ");

        final int metricsPort;
        final Process process;
        final PrintWriter commands;
        final BlockingQueue<String> lines = new ArrayBlockingQueue<>(1000);
        final List<String> transcript = new ArrayList<>();

        private Instance(int metricsPort, Process process) {
            this.metricsPort = metricsPort;
            this.process = process;
            this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread pump = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.offer(line);
                    }
                } catch (IOException ended) {
                    // The child is gone; awaitLine reports it.
                }
            }, "fleet-child-output");
            pump.setDaemon(true);
            pump.start();
        }

        static Instance start(int metricsPort) throws InterruptedException {
            Process p = ChildJvm.on(Jdks.build()).withAgent()
                    .rebound("metrics.prometheus.port", Integer.toString(metricsPort))
                    .rebound("metrics.jmx.enabled", "false")
                    .rebound("backoff.initial", "1ms").rebound("backoff.max", "5ms")
                    .rebound("max-attempts", "2")
                    .rebound("budget.burst", "1").rebound("budget.ratio", "0.5").rebound("budget.min-per-second", "0")
                    .rebound("circuit.failure-threshold", "2").rebound("circuit.probe-interval", "60m")
                    .testApp(CommandedApp.class).startInteractive();
            Instance instance = new Instance(metricsPort, p);
            assertEquals("ready", instance.awaitLine(), instance::transcript);
            return instance;
        }

        String call(String url) throws InterruptedException {
            commands.println("call " + url);
            return awaitLine();
        }

        /** The next line of the app's own output (agent lines are kept in the transcript only). */
        private String awaitLine() throws InterruptedException {
            while (true) {
                String line = lines.poll(20, TimeUnit.SECONDS);
                if (line == null) {
                    throw new AssertionError("no line from the app within 20 s; so far: " + transcript);
                }
                transcript.add(line);
                if (!line.startsWith("rebound")) {
                    return line;
                }
            }
        }

        String transcript() {
            return transcript.toString();
        }

        /** {@code HTTP <status> <body>} of a GET on the agent's endpoint. */
        String get(HttpClient http, String path) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort
                    + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return "HTTP " + r.statusCode() + " " + r.body();
        }

        Set<String> families(HttpClient http) throws Exception {
            String exposition = get(http, "/metrics");
            Set<String> names = new TreeSet<>();
            Matcher m = TYPE.matcher(exposition);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        void stop() throws InterruptedException {
            commands.println("quit");
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
