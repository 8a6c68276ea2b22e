package dev.rebound.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** The built jars and class directories the child JVMs use, as surefire passes them in. */
public final class Artifacts {

    private Artifacts() {
    }

    public static Path agentJar() {
        return existing("rebound.agent.jar");
    }

    public static Path sampleAppJar() {
        return existing("rebound.sample.jar");
    }

    /** The sample app's own classes, without the client libraries the runnable jar bundles. */
    public static Path sampleAppClasses() {
        return existing("rebound.sample.classes");
    }

    /** The sample app repackaged as a Spring Boot executable jar (nested-jar class loader). */
    public static Path bootJar() {
        return existing("rebound.boot.jar");
    }

    /** Jars copied for the Apache version matrix: {@code old} (HttpClient 4.5.3, 5.2.3) and {@code common} (logging). */
    public static Path apacheJars(String group) {
        return existing("rebound.apache.jars").resolve(group);
    }

    /**
     * Jars copied for the OkHttp matrix, sorted: {@code 3} (OkHttp 3.14 and okio 1), {@code 3.12} (3.12 and
     * okio 1), {@code 4} (OkHttp 4.12, okio 3, Kotlin), {@code retrofit}, {@code feign}.
     */
    public static List<Path> okhttpJars(String group) {
        try (java.util.stream.Stream<Path> files = Files.list(existing("rebound.okhttp.jars").resolve(group))) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A real APM agent copied by the build: {@code opentelemetry-javaagent.jar} or {@code dd-java-agent.jar}. */
    public static Path apmAgent(String jarName) {
        Path jar = existing("rebound.apm.jars").resolve(jarName);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; the it-tests build copies it (mvn -pl it-tests verify)");
        }
        return jar;
    }

    /** The repository's {@code examples} directory (Prometheus rules, Grafana dashboard). */
    public static Path examples() {
        return existing("rebound.examples.dir");
    }

    /** This module's compiled test classes: the small test apps run from there. */
    public static Path testClasses() {
        return existing("rebound.test.classes");
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property
                    + " is not set; run the tests through Maven (mvn -pl it-tests verify)");
        }
        Path path = Paths.get(value).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException(property + " points to " + path
                    + ", which does not exist; build first: mvn -B -DskipTests package");
        }
        return path;
    }
}
