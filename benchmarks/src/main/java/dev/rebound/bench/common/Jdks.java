package dev.rebound.bench.common;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDKs a benchmark runs on: the one running it, and the newest other JDK (21 or later) found by
 * reading {@code /usr/lib/jvm/<dir>/release}, the way the integration tests look for a Java 25 JDK.
 */
public final class Jdks {
    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"([0-9]+)[^\"]*\"", Pattern.MULTILINE);
    private static final int OLDEST_SECOND_JDK = 21;

    /** A JDK: its home and its feature release number. */
    public record Jdk(Path home, int major) {
        public String label() {
            return "JDK " + major;
        }

        public String java() {
            return ClassPaths.javaLauncher(home);
        }
    }

    private Jdks() {
    }

    public static Jdk running() {
        return new Jdk(Path.of(System.getProperty("java.home")), Runtime.version().feature());
    }

    /** The running JDK, then the newest other one under {@code root} if there is one. */
    public static List<Jdk> runningAndNewest(Path root) {
        Jdk running = running();
        List<Jdk> out = new ArrayList<>();
        out.add(running);
        Jdk best = null;
        if (Files.isDirectory(root)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
                for (Path dir : dirs) {
                    int major = majorOf(dir);
                    if (major >= OLDEST_SECOND_JDK && major != running.major()
                            && Files.isExecutable(dir.resolve("bin").resolve("java"))
                            && (best == null || major > best.major()
                                || (major == best.major() && dir.toString().compareTo(best.home().toString()) < 0))) {
                        best = new Jdk(dir, major);
                    }
                }
            } catch (IOException e) {
                // No second JDK: the result says which JDKs ran.
            }
        }
        if (best != null) {
            out.add(best);
        }
        return out;
    }

    static int majorOf(Path jdkHome) {
        try {
            Matcher m = VERSION.matcher(Files.readString(jdkHome.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
