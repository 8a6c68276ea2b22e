package dev.rebound.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The JDK matrix every child-JVM test runs on: the JDK running the build plus a Java 25 JDK.
 * The second one comes from {@code REBOUND_IT_JDKS} (path list) or from {@code /usr/lib/jvm}; when
 * none is found the tests run on the build JDK alone, after a loud warning.
 */
public final class Jdks {

    static final int SECOND_FEATURE = 25;
    private static final String ENV = "REBOUND_IT_JDKS";
    private static final Path SCAN_DIR = Paths.get("/usr/lib/jvm");
    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private static List<Jdk> matrix;

    private Jdks() {
    }

    /** The JDK running this build. */
    public static Jdk build() {
        Path home = Paths.get(System.getProperty("java.home")).toAbsolutePath();
        return new Jdk(home, Runtime.version().feature());
    }

    /** Method source for {@link AcrossJdks}: the build JDK, then the Java 25 JDK when one exists. */
    public static synchronized List<Jdk> all() {
        if (matrix == null) {
            matrix = compute();
        }
        return matrix;
    }

    /** Method source for {@link AcrossJdksWithAndWithoutAgent}: every JDK, agent on, then agent off. */
    public static Stream<Arguments> allWithAgentOnAndOff() {
        List<Arguments> pairs = new ArrayList<>();
        for (Jdk jdk : all()) {
            pairs.add(Arguments.of(jdk, true));
            pairs.add(Arguments.of(jdk, false));
        }
        return pairs.stream();
    }

    private static List<Jdk> compute() {
        List<Jdk> jdks = new ArrayList<>();
        Jdk build = build();
        jdks.add(build);
        if (build.feature() != SECOND_FEATURE) {
            Optional<Jdk> second = findSecond();
            if (second.isPresent()) {
                jdks.add(second.get());
            } else {
                warnLoudly();
            }
        }
        return List.copyOf(jdks);
    }

    private static Optional<Jdk> findSecond() {
        for (Path home : candidates()) {
            Optional<Integer> feature = featureOf(home);
            if (feature.isPresent() && feature.get() == SECOND_FEATURE
                    && Files.isExecutable(home.resolve("bin").resolve("java"))) {
                return Optional.of(new Jdk(home.toAbsolutePath(), feature.get()));
            }
        }
        return Optional.empty();
    }

    private static List<Path> candidates() {
        List<Path> homes = new ArrayList<>();
        String fromEnv = System.getenv(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            for (String entry : fromEnv.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    homes.add(Paths.get(entry.trim()));
                }
            }
        }
        if (Files.isDirectory(SCAN_DIR)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(SCAN_DIR)) {
                List<Path> scanned = new ArrayList<>();
                dirs.forEach(scanned::add);
                scanned.sort(null);
                homes.addAll(scanned);
            } catch (IOException e) {
                // An unreadable directory is the same as no JDK there; the warning says so.
            }
        }
        return homes;
    }

    static Optional<Integer> featureOf(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher m = VERSION.matcher(Files.readString(release));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void warnLoudly() {
        String bar = "!".repeat(78);
        System.err.println(bar);
        System.err.println("!!! rebound it-tests: NO JAVA " + SECOND_FEATURE + " JDK FOUND");
        System.err.println("!!! Looked in $" + ENV + " (path list of JDK homes) and " + SCAN_DIR + "/*/release.");
        System.err.println("!!! Every child-JVM test runs on the build JDK (" + build().feature() + ") ONLY;");
        System.err.println("!!! the Java " + SECOND_FEATURE + " half of the matrix is NOT tested in this run.");
        System.err.println(bar);
    }
}
