package dev.rebound.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet-view examples (README "Fleet view"): the Prometheus rules pass {@code promtool check rules} and
 * their own unit tests ({@code promtool test rules}), and every PromQL expression of the Grafana dashboard
 * is accepted by promtool and reads only recording rules the rules file defines and series the agent serves.
 */
class FleetExamplesTest {
    static final String RULES = "rebound-rules.yml";
    static final String ALERTS = "rebound-alerts.yml";
    static final String RULE_TESTS = "rebound-rules.test.yml";
    static final String DASHBOARD = "rebound-dashboard.json";
    /** The families {@code PrometheusText} renders; the examples may read no other rebound series. */
    static final Set<String> AGENT_SERIES = Set.of("rebound_requests_total", "rebound_retries_total",
            "rebound_retries_skipped_total", "rebound_backoff_seconds_total", "rebound_circuit_open", "rebound_info",
            "rebound_uncovered_client");

    private static final Pattern RECORD = Pattern.compile("(?m)^\\s*- record:\\s*(\\S+)\\s*$");
    private static final Pattern EXPR_LINE = Pattern.compile("(?m)^\\s*expr:\\s*(.*)$");
    /** A metric name with a colon: by Prometheus convention, only recording rules have one. */
    private static final Pattern RULE_NAME = Pattern.compile("(?<![\\w:])[a-zA-Z_][\\w]*:[\\w:]+");
    private static final Pattern REBOUND_NAME = Pattern.compile("(?<![\\w:])rebound_\\w+");

    static Path prometheusDir() {
        return Artifacts.examples().resolve("prometheus");
    }

    @Test
    void rulesPassPromtoolCheck() {
        String out = Promtool.assertSucceeds(prometheusDir(), "check", "rules", RULES, ALERTS);
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    void rulesPassTheirUnitTests() {
        String out = Promtool.assertSucceeds(prometheusDir(), "test", "rules", RULE_TESTS);
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    void rulesReadOnlySeriesTheAgentServesAndRulesTheyDefine() throws IOException {
        Set<String> defined = recordingRules();
        for (String file : List.of(RULES, ALERTS)) {
            String text = Files.readString(prometheusDir().resolve(file), StandardCharsets.UTF_8);
            String exprs = exprText(text);
            assertFalse(exprs.isBlank(), file);
            assertNamesKnown(file, exprs, defined);
        }
    }

    @Test
    void dashboardParsesAndEveryExpressionIsAcceptedByPromtool(@TempDir Path dir) throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(
                Files.readString(Artifacts.examples().resolve("grafana").resolve(DASHBOARD), StandardCharsets.UTF_8));
        assertTrue(dashboard.path("title").isTextual(), "dashboard title");
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(panel.path("title").isTextual(), () -> "panel without a title: " + panel);
            assertTrue(panel.path("targets").size() > 0, () -> "panel without a query: " + panel.path("title"));
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                assertFalse(expr.isBlank(), () -> "empty expression in " + panel.path("title"));
                exprs.add(expr);
            }
        }
        assertTrue(exprs.size() >= 10, "expressions found: " + exprs);

        // Each expression as a recording rule of its own, checked beside the real rules file: a syntax
        // error, a bad function or a wrong argument type fails promtool.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            rules.append("      - record: dashboard:expr_").append(i).append('\n')
                    .append("        expr: '").append(exprs.get(i).replace("'", "''")).append("'\n");
        }
        Path file = dir.resolve("dashboard-rules.yml");
        Files.writeString(file, rules, StandardCharsets.UTF_8);
        String out = Promtool.assertSucceeds(prometheusDir(), "check", "rules", RULES, file.toString());
        assertTrue(out.contains(exprs.size() + " rules found"), out);

        Set<String> defined = recordingRules();
        for (String expr : exprs) {
            assertNamesKnown(DASHBOARD, expr, defined);
        }
        Set<String> used = new TreeSet<>();
        for (String expr : exprs) {
            used.addAll(matches(RULE_NAME, expr));
        }
        assertTrue(used.size() >= 8, () -> "the dashboard reads few recording rules: " + used);
    }

    /** Every colon name must be a defined recording rule, every rebound_ name a series the agent serves. */
    private static void assertNamesKnown(String where, String exprs, Set<String> defined) {
        for (String name : matches(RULE_NAME, exprs)) {
            assertTrue(defined.contains(name), () -> where + " reads " + name + ", which " + RULES
                    + " does not define (defined: " + defined + ")");
        }
        for (String name : matches(REBOUND_NAME, exprs)) {
            assertTrue(AGENT_SERIES.contains(name), () -> where + " reads " + name
                    + ", which the agent does not serve (it serves " + AGENT_SERIES + ")");
        }
    }

    static Set<String> recordingRules() throws IOException {
        Set<String> names = matches(RECORD, Files.readString(prometheusDir().resolve(RULES), StandardCharsets.UTF_8));
        assertEquals(11, names.size(), () -> "recording rules: " + names);
        return names;
    }

    /** The text of every {@code expr:} (including its indented continuation lines) of a rules file. */
    private static String exprText(String rules) {
        StringBuilder out = new StringBuilder();
        String[] lines = rules.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = EXPR_LINE.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            out.append(m.group(1)).append('\n');
            int indent = lines[i].indexOf("expr:");
            for (int j = i + 1; j < lines.length && (lines[j].isBlank() || indentOf(lines[j]) > indent); j++) {
                out.append(lines[j]).append('\n');
            }
        }
        return out.toString();
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return found;
    }
}
