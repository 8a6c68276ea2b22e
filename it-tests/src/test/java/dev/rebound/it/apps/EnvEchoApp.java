package dev.rebound.it.apps;

import java.util.Map;
import java.util.TreeMap;

/** Test app printing its JVM-option and {@code REBOUND_*} environment, one {@code NAME=value} a line. */
public final class EnvEchoApp {

    private EnvEchoApp() {
    }

    public static void main(String[] args) {
        Map<String, String> env = new TreeMap<>(System.getenv());
        env.forEach((name, value) -> {
            if (name.startsWith("REBOUND_") || name.endsWith("JAVA_OPTIONS") || name.equals("JAVA_TOOL_OPTIONS")) {
                System.out.println(name + "=" + value);
            }
        });
    }
}
