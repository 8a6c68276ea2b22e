package dev.rebound.bench.common;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code --key value} and bare {@code --flag} arguments; an unknown name stops the run with a clear message. */
public final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    public Args(String[] argv) {
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "' (options are --name value)");
            }
            String name = a.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                values.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                values.put(name, argv[++i]);
            } else {
                values.put(name, "true");
            }
        }
    }

    public String get(String name, String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    public String required(String name) {
        used.add(name);
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }

    public int getInt(String name, int fallback) {
        String v = get(name, null);
        return v == null ? fallback : Integer.parseInt(v);
    }

    public double getDouble(String name, double fallback) {
        String v = get(name, null);
        return v == null ? fallback : Double.parseDouble(v);
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(get(name, "false"));
    }

    /** Call after every option has been read: names nobody asked for are typos. */
    public void rejectUnknown() {
        for (String name : values.keySet()) {
            if (!used.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
    }
}
