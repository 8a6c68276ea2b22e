package dev.rebound.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The README's configuration table is the user-facing contract: it must list exactly the keys in the code. */
class ReadmeConfigTableTest {

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

    /** key -> cells, from the table rows in the "## Configuration" section. */
    private static Map<String, String[]> table() throws IOException {
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

    @Test
    void readmeListsExactlyTheKeysInTheCode() throws IOException {
        Map<String, String[]> rows = table();
        TreeSet<String> inCode = new TreeSet<>();
        for (ConfigKey k : ConfigKey.values()) {
            inCode.add(k.key());
        }
        TreeSet<String> missing = new TreeSet<>(inCode);
        missing.removeAll(rows.keySet());
        TreeSet<String> extra = new TreeSet<>(rows.keySet());
        extra.removeAll(inCode);
        assertEquals(new TreeSet<String>(), missing, "keys missing from the README ## Configuration table");
        assertEquals(new TreeSet<String>(), extra, "README ## Configuration table lists keys the code lacks");
    }

    @Test
    void readmeDefaultsAndEnvVarsMatchTheCode() throws IOException {
        Map<String, String[]> rows = table();
        for (ConfigKey k : ConfigKey.values()) {
            String[] cells = rows.get(k.key());
            assertNotNull(cells, k.key());
            assertEquals(4, cells.length, k.key());
            String documentedDefault = cells[1].startsWith("`") ? unquote(cells[1]) : "";
            assertEquals(k.defaultValue(), documentedDefault, "default of " + k.key());
            assertEquals(k.envVar(), unquote(cells[2]), "env var of " + k.key());
        }
    }
}
