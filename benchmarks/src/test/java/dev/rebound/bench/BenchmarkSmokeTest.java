package dev.rebound.bench;

import dev.rebound.bench.jmh.JmhMain;
import dev.rebound.bench.resilience.ResilienceBench;
import dev.rebound.bench.startup.StartupBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every benchmark entry point with tiny parameters, so that the benchmarks cannot rot: each must
 * finish and write its table. The figures of a smoke run mean nothing and are not checked.
 */
class BenchmarkSmokeTest {

    @Test
    void resilienceScenariosWriteEveryTableAndTheChart(@TempDir Path out) throws Exception {
        ResilienceBench.main(new String[] {"--smoke", "--out", out.toString()});

        String md = Files.readString(out.resolve("resilience.md"));
        for (String section : new String[] {"## S1 transient", "## S2 outage", "## S3 recovery", "## S4 unsafe",
                "## S5 pacing", "## S6 fail-once", "## S7 overload", "## S8 fleet", "## S9 partial", "## Summary",
                "## Targets (rebound)"}) {
            assertTrue(md.contains(section), "missing " + section + " in\n" + md);
        }
        for (String policy : new String[] {"| no retry ", "| naive loop ", "| resilience4j ", "| charged budget ",
                "| envoy 20% ", "| grpc throttling ", "| rebound "}) {
            // Nine tables (S1..S9) and the summary each have one row per policy.
            assertTrue(count(md, policy) >= 10, policy + " rows: " + count(md, policy) + " in\n" + md);
        }
        assertTrue(md.contains("naive loop's waits are scaled"), "a smoke run must say what it shortened");
        for (String chart : new String[] {"s2-outage-http-url-connection.svg", "s7-overload-http-url-connection.svg"}) {
            String svg = Files.readString(out.resolve(chart));
            assertTrue(svg.startsWith("<svg") && svg.contains("<polyline") && svg.trim().endsWith("</svg>"), svg);
        }
    }

    @Test
    void jmhWritesEngineAndHttpTables(@TempDir Path out) throws Exception {
        JmhMain.main(new String[] {"--smoke", "--out", out.toString()});

        String md = Files.readString(out.resolve("jmh.md"));
        assertTrue(md.contains("| EngineDecisionBench.healthyCall"), md);
        assertTrue(md.contains("| no agent ") && md.contains("| rebound agent "), md);
        assertTrue(md.contains("ratio (agent / none)"), md);
    }

    @Test
    void startupWritesTimesAndBreakdown(@TempDir Path out) throws Exception {
        StartupBench.main(new String[] {"--runs", "2", "--log-runs", "1", "--jdks", "running", "--otel-jar", "none",
                "--out", out.toString()});

        String md = Files.readString(out.resolve("startup.md"));
        for (String row : new String[] {"| no agent ", "| empty agent ", "| rebound ", "| classes loaded",
                "| main class .. HttpURLConnection impl loaded", "| premain, bootstrap injection"}) {
            assertTrue(md.contains(row), "missing " + row + " in\n" + md);
        }
    }

    @Test
    void soakWritesOneRowPerClientWithNoHungCall(@TempDir Path out) throws Exception {
        dev.rebound.bench.soak.SoakBench.main(new String[] {"--calls", "200", "--out", out.toString()});

        String md = Files.readString(out.resolve("soak.md"));
        for (String client : new String[] {"| url-connection ", "| jdk-http-client ", "| apache4 ", "| apache5 "}) {
            String row = md.lines().filter(l -> l.startsWith(client)).findFirst().orElse("");
            assertTrue(row.split("\\|")[7].trim().equals("0"), "hung calls in\n" + md);
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
