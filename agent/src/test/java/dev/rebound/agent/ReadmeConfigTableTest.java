package dev.rebound.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rebound.config.ConfigKey;
import dev.rebound.config.ConfigKeys;
import dev.rebound.config.ConfigLoader;
import dev.rebound.config.ReboundConfig;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.metrics.MetricsRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One set of defaults: the README's configuration table (the user-facing contract), {@code java -jar
 * rebound-agent.jar} and the engine must agree on every key, its default and its env var, for the agent's
 * own list of clients.
 */
class ReadmeConfigTableTest {
    private static final ConfigKeys KEYS = ConfigKeys.of(ClientModules.labels());

    /** Maven runs tests in the module dir; an IDE may use the repository root. Walk up to find it either way. */
    private static Path readme() {
        String basedir = System.getProperty("basedir");
        Path start = Paths.get(basedir != null ? basedir : System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve("README.md");
            if (Files.isRegularFile(candidate) && Files.isRegularFile(p.resolve("agent/pom.xml"))) {
                return candidate;
            }
        }
        throw new AssertionError("README.md of the project not found above " + start);
    }

    /** key -> cells, from the table rows in the "## Configuration" section, in order. */
    private static Map<String, String[]> readmeTable() throws IOException {
        String text = new String(Files.readAllBytes(readme()), StandardCharsets.UTF_8);
        int start = text.indexOf("\n## Configuration\n");
        assertFalse(start < 0, "README has no ## Configuration section");
        int end = text.indexOf("\n## ", start + 1);
        String section = end < 0 ? text.substring(start) : text.substring(start, end);
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : section.split("\n")) {
            if (line.startsWith("| `")) {
                String[] cells = line.substring(1, line.length() - 1).split("\\|");
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                String key = unquote(cells[0]);
                assertEquals(null, rows.put(key, cells), "README lists " + key + " twice");
            }
        }
        return rows;
    }

    private static String unquote(String cell) {
        return cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
    }

    /** key -> {default, env var} as {@code java -jar rebound-agent.jar} lists them, in order. */
    private static Map<String, String[]> helpListing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, exit);
        String text = out.toString(StandardCharsets.UTF_8);
        String keys = text.substring(text.indexOf("Keys (default, description):"), text.indexOf("Effective configuration:"));
        Matcher m = Pattern.compile("(?m)^  (\\S+)  \\(default: (.*); env (\\S+)\\)$").matcher(keys);
        Map<String, String[]> listed = new LinkedHashMap<>();
        while (m.find()) {
            String shown = m.group(2);
            listed.put(m.group(1), new String[] {shown.equals("none") ? "" : shown, m.group(3)});
        }
        return listed;
    }

    private static List<String> keyNames() {
        List<String> names = new ArrayList<>();
        for (ConfigKey k : KEYS.all()) {
            names.add(k.key());
        }
        return names;
    }

    @Test
    void readmeAndHelpListExactlyTheKeysInTheCodeInItsOrder() throws IOException {
        assertEquals(keyNames(), List.copyOf(readmeTable().keySet()), "README ## Configuration table");
        assertEquals(keyNames(), List.copyOf(helpListing().keySet()), "java -jar rebound-agent.jar");
    }

    @Test
    void readmeAndHelpShowTheDefaultsAndEnvVarsOfTheCode() throws IOException {
        Map<String, String[]> readme = readmeTable();
        Map<String, String[]> help = helpListing();
        for (ConfigKey k : KEYS.all()) {
            String[] cells = readme.get(k.key());
            assertNotNull(cells, k.key());
            assertEquals(4, cells.length, k.key());
            String documentedDefault = cells[1].startsWith("`") ? unquote(cells[1]) : "";
            assertEquals(k.defaultValue(), documentedDefault, "README default of " + k.key());
            assertEquals(k.envVar(), unquote(cells[2]), "README env var of " + k.key());
            assertEquals(k.defaultValue(), help.get(k.key())[0], "--help default of " + k.key());
            assertEquals(k.envVar(), help.get(k.key())[1], "--help env var of " + k.key());
        }
    }

    @Test
    void theDefaultsOfTheConfigurationAreTheEnginesAndTheMetrics() {
        ReboundConfig defaults = ConfigLoader.load(KEYS, Map.of(), Map.of());
        List<String> refused = new ArrayList<>();
        RetryPolicy policy = Policies.from(defaults, refused).defaults();
        assertEquals(List.of(), refused);
        assertEquals(RetryPolicy.DEFAULTS.toString(), policy.toString());
        assertEquals(RetryPolicy.DEFAULTS.guardPolicy().toString(), policy.guardPolicy().toString());
        assertEquals(MetricsRegistry.DEFAULT_MAX_HOSTS, defaults.metricsMaxHosts());
        for (String client : ClientModules.labels()) {
            assertEquals(true, defaults.instrumentationEnabled(client), client);
        }
    }
}
