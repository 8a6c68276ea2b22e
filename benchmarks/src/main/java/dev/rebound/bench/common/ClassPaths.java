package dev.rebound.bench.common;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Class paths for child JVMs. A JVM started with {@code -javaagent:rebound-agent.jar} must not also have
 * the agent's unshaded classes on its class path: the system class loader would find {@code Premain}
 * there first, and the agent would start from the wrong copy. So children get this JVM's class path
 * minus every entry that holds the agent.
 */
public final class ClassPaths {
    private static final String PREMAIN = "dev/rebound/agent/Premain.class";

    private ClassPaths() {
    }

    public static String current() {
        return System.getProperty("java.class.path");
    }

    public static String withoutAgent() {
        return withoutAgent(current());
    }

    static String withoutAgent(String classPath) {
        List<String> kept = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !holdsAgent(Path.of(entry))) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    private static boolean holdsAgent(Path entry) {
        if (Files.isDirectory(entry)) {
            return Files.exists(entry.resolve(PREMAIN));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.getEntry(PREMAIN) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The shaded agent jar: {@code -Drebound.agent.jar}, else {@code agent/target/rebound-agent.jar} from here or the parent. */
    public static Path agentJar() {
        String configured = System.getProperty("rebound.agent.jar");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("agent", "target", "rebound-agent.jar"));
        candidates.add(Path.of("..", "agent", "target", "rebound-agent.jar"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("rebound-agent.jar not found (tried " + candidates
                + "); build it first: mvn -B -q -pl agent package -DskipTests");
    }

    /** The {@code java} launcher of the JDK this JVM runs on. */
    public static String javaLauncher() {
        return javaLauncher(Path.of(System.getProperty("java.home")));
    }

    public static String javaLauncher(Path javaHome) {
        return javaHome.resolve("bin").resolve("java").toString();
    }
}
