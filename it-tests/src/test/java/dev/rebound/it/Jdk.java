package dev.rebound.it;

import java.nio.file.Path;

/** One JDK of the test matrix: its home and its feature release (17, 25, ...). */
public record Jdk(Path home, int feature) {

    public Path javaExecutable() {
        return home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
    }

    public Path tool(String name) {
        return home.resolve("bin").resolve(isWindows() ? name + ".exe" : name);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }

    /** Shown as the parameterized test's display name. */
    @Override
    public String toString() {
        return "jdk" + feature;
    }
}
