package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-host and per-path rules on every client, in one child JVM per JDK: four rules, one from each source
 * (environment, system property, agent arguments, config file), against one always-502 upstream reached
 * by two host names (127.0.0.1 and localhost). Wire attempts per call, counted by the upstream, must be
 * those of the first rule the call matches, else the top-level max-attempts; no path becomes a metric label.
 */
class RulesTest extends UpstreamTest {

    @TempDir
    Path dir;

    /** One planned call: what the agent must make of it. */
    private record Planned(String what, String path, int expected, Batch.Run run) {
    }

    @AcrossJdks
    void eachCallGetsThePolicyOfTheFirstRuleItMatches(Jdk jdk) throws IOException {
        Path file = dir.resolve("rules.properties");
        Files.write(file, "rules.4.path=/rules-two/\nrules.4.max-attempts=2\n".getBytes(StandardCharsets.UTF_8));
        int port = upstream.port();
        List<Planned> planned = new ArrayList<>();
        Stage s = new Stage(upstream, ClientKind.URL_CONNECTION, true);
        for (ClientKind client : ClientKind.EVERY) {
            String c = client.name();
            String top = s.path("rules-top-" + c);
            String byLocalhost = s.path("rules-local-" + c);
            String off = "/rules-off" + s.path(c);
            String five = "/rules-five" + s.path(c);
            String fiveByLocalhost = "/rules-five" + s.path(c);
            String fiveByPut = "/rules-five" + s.path(c);
            String topWithQuery = s.path("rules-query-" + c);
            String two = "/rules-two" + s.path(c);
            for (String path : List.of(top, byLocalhost, off, five, fiveByLocalhost, fiveByPut, topWithQuery, two)) {
                upstream.always(path, status(502, "bad gateway"));
            }
            String local = "http://localhost:" + port;
            planned.add(new Planned(c + " top level", top, 3, s.runWith(client, upstream.url(top))));
            planned.add(new Planned(c + " localhost (rule 1)", byLocalhost, 2, s.runWith(client, local + byLocalhost)));
            planned.add(new Planned(c + " retries off (rule 2)", off, 1, s.runWith(client, upstream.url(off))));
            planned.add(new Planned(c + " GET /rules-five/ (rule 3)", five, 5, s.runWith(client, upstream.url(five))));
            planned.add(new Planned(c + " localhost /rules-five/ (rule 1 first)", fiveByLocalhost, 2,
                    s.runWith(client, local + fiveByLocalhost)));
            planned.add(new Planned(c + " PUT /rules-five/ (not rule 3's method)", fiveByPut, 3,
                    s.runWith(client, upstream.url(fiveByPut), "--method", "PUT", "--body", "x")));
            planned.add(new Planned(c + " a query is no path", topWithQuery, 3,
                    s.runWith(client, upstream.url(topWithQuery + "?next=/rules-off/"))));
            planned.add(new Planned(c + " file rule (rule 4)", two, 2, s.runWith(client, upstream.url(two))));
        }
        int metricsPort = FreePorts.free();

        ChildResult child = s.batch().run(Batch.jvm(jdk, true)
                .env("REBOUND_RULES_1_HOST", "localhost").env("REBOUND_RULES_1_MAX_ATTEMPTS", "2")
                .rebound("rules.2.path", "/rules-off/").rebound("rules.2.enabled", "false")
                .agentArgs("rules.3.path=/rules-five/;rules.3.method=GET;rules.3.max-attempts=5")
                .rebound("config-file", file.toString())
                .rebound("budget.burst", "1000")
                .rebound("metrics.prometheus.port", Integer.toString(metricsPort)),
                "--metrics", Integer.toString(metricsPort));

        assertTrue(child.stderrLines().stream().anyMatch(l -> l.startsWith("rebound ") && l.contains(" rules=4 ")),
                () -> "the start-up line counts the rules, and no problem is printed\n" + child.describe());
        List<String> expected = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Planned p : planned) {
            int attempts = upstream.count(p.path());
            expected.add(p.what() + ": " + p.expected() + " attempts, status 502");
            seen.add(p.what() + ": " + attempts + " attempts, status " + p.run().app().only().status());
        }
        assertEquals(String.join("\n", expected), String.join("\n", seen), child::describe);

        String metrics = ClientSettingsScenarios.metricsText(child);
        assertTrue(!metrics.contains("rules-"), () -> "no path in any label\n" + metrics);
        PromText m = PromText.parse(metrics);
        Set<String> hosts = new TreeSet<>();
        for (PromText.Sample x : m.select("rebound_requests_total", java.util.Map.of())) {
            hosts.add(x.labels().get("host"));
            assertEquals(Set.of("client", "host", "method", "outcome"), x.labels().keySet(), metrics);
        }
        assertEquals(Set.of("127.0.0.1:" + port, "localhost:" + port), hosts, metrics);
    }
}
