package dev.rebound.config;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the properties file named by {@code config-file}. Keys are written without the {@code rebound.}
 * prefix, but the prefixed form is accepted too. Every failure becomes a problem; nothing is thrown.
 */
final class ConfigFile {
    private static final Charset UTF_8 = Charset.forName("UTF-8");

    private ConfigFile() {
    }

    /** @return known keys to their raw values; unknown keys and read failures are added to {@code problems} */
    static Map<String, String> read(String path, List<ConfigProblem> problems) {
        Properties props = new Properties();
        String failure = load(path, props);
        if (failure != null) {
            problems.add(new ConfigProblem(ConfigKey.CONFIG_FILE.key(), "rebound: cannot read config file "
                    + Text.quoted(path) + " (" + failure + "); continuing without it", ConfigProblem.Severity.ERROR));
            return Collections.emptyMap();
        }
        List<String> names = new ArrayList<String>(props.stringPropertyNames());
        Collections.sort(names);
        Map<String, String> values = new HashMap<String, String>();
        for (String name : names) {
            String key = name.startsWith(ConfigKey.PROPERTY_PREFIX)
                    ? name.substring(ConfigKey.PROPERTY_PREFIX.length()) : name;
            ConfigKey known = ConfigKey.byKey(key);
            if (known == ConfigKey.CONFIG_FILE) {
                problems.add(new ConfigProblem(key, "rebound: config-file in config file " + Text.quoted(path)
                        + " is ignored; set it by system property " + known.systemProperty() + " or env "
                        + known.envVar(), ConfigProblem.Severity.WARNING));
            } else if (known == null) {
                String suggestion = Suggestions.closest(key, UnknownKeys.fileKeys());
                problems.add(UnknownKeys.problem(name, "key " + Text.shown(name) + " in config file "
                        + Text.quoted(path), suggestion));
            } else if (name.equals(key) || !values.containsKey(key)) {
                // The plain spelling wins over the prefixed one when a file has both.
                values.put(key, props.getProperty(name));
            }
        }
        return values;
    }

    /** @return null when loaded, else why not */
    private static String load(String path, Properties into) {
        File file = new File(path);
        if (!file.exists()) {
            return "not found";
        }
        if (file.isDirectory()) {
            return "a directory";
        }
        InputStream in = null;
        try {
            in = new FileInputStream(file);
            Reader reader = new InputStreamReader(in, UTF_8);
            into.load(reader);
            return null;
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        } catch (IllegalArgumentException e) {
            // Properties.load refuses a malformed unicode escape this way.
            return "malformed: " + e.getMessage();
        } catch (SecurityException e) {
            return "access denied";
        } finally {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // Nothing was lost: the file was only read.
                }
            }
        }
    }
}
