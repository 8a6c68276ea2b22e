package dev.rebound.config;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
 * Only a regular file of at most {@link #MAX_BYTES} is read: premain must never block on a FIFO or a
 * device, nor fill the heap with {@code /dev/zero}.
 */
final class ConfigFile {
    private static final Charset UTF_8 = Charset.forName("UTF-8");
    /** 1 MiB: a hand-written settings file is a few hundred bytes; anything this large is a wrong path. */
    static final long MAX_BYTES = 1024L * 1024L;

    private ConfigFile() {
    }

    /** @return known keys and rule keys ({@code rules.<n>.<key>}) to their raw values; unknown keys and read failures are added to {@code problems} */
    static Map<String, String> read(String path, ConfigKeys keys, List<ConfigProblem> problems) {
        return read(path, null, keys, problems);
    }

    /** @param content the file's bytes as already read (the watcher's), or null to read the file now */
    static Map<String, String> read(String path, byte[] content, ConfigKeys keys, List<ConfigProblem> problems) {
        Properties props = new Properties();
        String failure = content == null ? load(path, props) : parse(content, props);
        if (failure != null) {
            problems.add(new ConfigProblem(ConfigKey.CONFIG_FILE.key(), "rebound: cannot read config file "
                    + Text.quoted(path) + " (" + failure + "); continuing without it", ConfigProblem.Severity.ERROR));
            return Collections.emptyMap();
        }
        List<String> names = new ArrayList<String>(props.stringPropertyNames());
        Collections.sort(names);
        Map<String, String> values = new HashMap<String, String>();
        String where = " in config file " + Text.quoted(path);
        UnknownKeyLines unknown = new UnknownKeyLines(problems, "unknown keys" + where);
        for (String name : names) {
            String key = UnknownKeys.withoutPrefix(name);
            ConfigKey known = keys.byKey(key);
            if (RuleSettings.isRuleKey(key)) {
                if (name.equals(key) || !values.containsKey(key)) {
                    values.put(key, props.getProperty(name)); // checked with its rule
                }
            } else if (known == ConfigKey.CONFIG_FILE) {
                problems.add(new ConfigProblem(key, "rebound: config-file" + where
                        + " is ignored; set it by system property " + known.systemProperty() + ", env "
                        + known.envVar() + " or agent argument", ConfigProblem.Severity.WARNING));
            } else if (known == null) {
                if (unknown.takeLine()) {
                    problems.add(UnknownKeys.problem(name, "key " + Text.shown(name) + where,
                            Suggestions.closest(key, keys.fileKeys())));
                }
            } else if (name.equals(key) || !values.containsKey(key)) {
                // The plain spelling wins over the prefixed one when a file has both.
                values.put(key, props.getProperty(name));
            }
        }
        unknown.finish();
        return values;
    }

    /** @return null when loaded, else why not */
    private static String load(String path, Properties into) {
        File file = new File(path);
        try {
            if (!file.exists()) {
                return "not found";
            }
            if (file.isDirectory()) {
                return "a directory";
            }
            // isFile() is true for regular files only (symbolic links followed): a FIFO would block the open
            // until a writer came, a device could be endless.
            if (!file.isFile()) {
                return "not a regular file";
            }
            if (file.length() > MAX_BYTES) {
                return "larger than 1 MiB";
            }
            byte[] content = readAtMost(file, MAX_BYTES);
            if (content == null) {
                // The file grew after the size check, or reports no size (procfs): the cap holds either way.
                return "larger than 1 MiB";
            }
            return parse(content, into);
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        } catch (IllegalArgumentException e) {
            // Properties.load refuses a malformed unicode escape this way.
            return "malformed: " + e.getMessage();
        } catch (SecurityException e) {
            return "access denied";
        }
    }

    /** @return null when parsed, else why not */
    private static String parse(byte[] content, Properties into) {
        if (content.length > MAX_BYTES) {
            return "larger than 1 MiB";
        }
        try {
            into.load(new InputStreamReader(new ByteArrayInputStream(content), UTF_8));
            return null;
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        } catch (IllegalArgumentException e) {
            // Properties.load refuses a malformed unicode escape this way.
            return "malformed: " + e.getMessage();
        }
    }

    /** @return the file's bytes, or null when it holds more than {@code limit} */
    private static byte[] readAtMost(File file, long limit) throws IOException {
        InputStream in = new FileInputStream(file);
        try {
            byte[] buffer = new byte[(int) Math.min(limit + 1, Math.max(file.length() + 1, 4096))];
            int filled = 0;
            while (true) {
                if (filled == buffer.length) {
                    if (filled > limit) {
                        return null;
                    }
                    byte[] larger = new byte[(int) Math.min(limit + 1, buffer.length * 2L)];
                    System.arraycopy(buffer, 0, larger, 0, filled);
                    buffer = larger;
                }
                int n = in.read(buffer, filled, buffer.length - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
            }
            if (filled > limit) {
                return null;
            }
            byte[] content = new byte[filled];
            System.arraycopy(buffer, 0, content, 0, filled);
            return content;
        } finally {
            try {
                in.close();
            } catch (IOException ignored) {
                // Nothing was lost: the file was only read.
            }
        }
    }
}
