package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.it.apps.LoadersApp;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where the Apache classes come from and which release they are: HttpClient 4.5.3 and 5.2.3 on a plain
 * class path (4.5.14 and 5.6.5 are what every other test runs), both generations side by side in two
 * class loaders of one JVM, and the app packaged as a Spring Boot executable jar, whose nested-jar
 * class loader loads HttpClient.
 */
class ApacheVersionsTest extends ApacheTest {

    /** The sample app's classes with HttpClient 4.5.3 and 5.2.3 instead of the bundled releases. */
    private static List<Path> olderClassPath() {
        List<Path> entries = new ArrayList<>();
        entries.add(Artifacts.sampleAppClasses());
        entries.addAll(jars("old"));
        entries.addAll(jars("common"));
        return entries;
    }

    private static List<Path> jars(String group) {
        try (Stream<Path> files = Files.list(Artifacts.apacheJars(group))) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChildJvm olderApp(Jdk jdk, boolean agent) {
        return ChildJvm.on(jdk).agent(agent).mainClass(olderClassPath(), "dev.rebound.sample.SampleApp");
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void olderReleasesRecover502Then200(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("old-flaky");
        String bad = unique("bad gateway");
        String good = unique("all good");
        upstream.sequence(path, status(502, bad), status(200, good));

        ChildResult result = call(olderApp(jdk, agent).args("--client", client), upstream.url(path));

        assertTrue(result.command().stream().anyMatch(a -> a.contains(client.equals("apache4") ? "httpclient-4.5.3.jar"
                : "httpclient5-5.2.3.jar")), result::describe);
        assertWireAttempts(agent ? 2 : 1, path, result);
        assertResponse(agent ? 200 : 502, agent ? good : bad, result);
        assertTrue(result.stderrLines().stream().allMatch(l -> l.startsWith("rebound")), result::describe);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkClient")
    void olderReleasesKeepAPoolOfOneAlive(Jdk jdk, String client) {
        String path = "/" + unique("old-pool");
        failEveryOtherRequest(path);

        ChildResult result = ApachePoolTest.shortBackoff(olderApp(jdk, true)).timeout(Duration.ofSeconds(60))
                .args("--client", client, "--count", "20", "--max-connections", "1", "--timeout-ms", "2000",
                        upstream.url(path))
                .run();

        assertEquals(new AppOutput.Done(20, 20, 0), result.app().done(), result::describe);
        assertWireAttempts(40, path, result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.rebound.it.Jdks#all")
    void olderHttpClient5RetriesA503ItselfInsideEachAttempt(Jdk jdk) {
        String path = "/" + unique("old-503");
        upstream.always(path, status(503, "unavailable"));

        ChildResult result = call(olderApp(jdk, true).args("--client", "apache5"), upstream.url(path));

        assertWireAttempts(6, path, result);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkClient")
    void twoLoadersWithDifferentReleasesEachGetTheirOwnBridge(Jdk jdk, String client) {
        String oldPath = "/" + unique("loader-old");
        String newPath = "/" + unique("loader-new");
        upstream.sequence(oldPath, status(502, "bad"), status(200, "old ok"));
        upstream.sequence(newPath, status(502, "bad"), status(200, "new ok"));
        String older = olderClassPath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));

        ChildResult result = ChildJvm.on(jdk).withAgent().rebound("log.level", "debug")
                .testApp(LoadersApp.class)
                .args(client, older, upstream.url(oldPath), Artifacts.sampleAppJar().toString(), upstream.url(newPath))
                .run();

        assertEquals(0, result.exitCode(), result::describe);
        List<String> out = result.stdoutLines();
        assertTrue(out.stream().anyMatch(l -> l.startsWith("loader1 call=1 status=200 ")), result::describe);
        assertTrue(out.stream().anyMatch(l -> l.startsWith("loader2 call=1 status=200 ")), result::describe);
        assertWireAttempts(2, oldPath, result);
        assertWireAttempts(2, newPath, result);
        String bridge = client.equals("apache4") ? "dev/rebound/client/apache4/" : "dev/rebound/client/apache5/";
        assertEquals(2, result.stderrLines().stream()
                .filter(l -> l.contains(bridge + " defined in class loader java.net.URLClassLoader")).count(),
                () -> "one bridge per loader\n" + result.describe());
    }

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void aSpringBootExecutableJarIsRetriedLikeAPlainOne(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("boot-flaky");
        String bad = unique("bad gateway");
        String good = unique("all good");
        upstream.sequence(path, status(502, bad), status(200, good));
        ChildJvm jvm = ChildJvm.on(jdk).agent(agent).jar(Artifacts.bootJar()).args("--client", client);
        if (agent) {
            jvm.rebound("log.level", "debug");
        }

        ChildResult result = call(jvm, upstream.url(path));

        assertWireAttempts(agent ? 2 : 1, path, result);
        assertResponse(agent ? 200 : 502, agent ? good : bad, result);
        if (agent) {
            assertTrue(result.stderrLines().stream().anyMatch(l -> l.contains(" defined in class loader "
                    + "org.springframework.boot.loader.launch.LaunchedClassLoader")),
                    () -> "HttpClient came from Spring Boot's nested-jar loader\n" + result.describe());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkClient")
    void aSpringBootJarKeepsAPoolOfOneAlive(Jdk jdk, String client) {
        String path = "/" + unique("boot-pool");
        failEveryOtherRequest(path);

        ChildResult result = ApachePoolTest.shortBackoff(ChildJvm.on(jdk).withAgent()).jar(Artifacts.bootJar())
                .timeout(Duration.ofSeconds(60))
                .args("--client", client, "--count", "20", "--max-connections", "1", "--timeout-ms", "2000",
                        upstream.url(path))
                .run();

        assertEquals(new AppOutput.Done(20, 20, 0), result.app().done(), result::describe);
        assertWireAttempts(40, path, result);
    }

    /** 20 calls' worth of answers: a 502 with its own body, then a 200, each call recovering once. */
    private static void failEveryOtherRequest(String path) {
        List<com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            responses.add(status(502, "bad " + i));
            responses.add(status(200, "good"));
        }
        upstream.sequence(path, responses.toArray(new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder[0]));
    }
}
