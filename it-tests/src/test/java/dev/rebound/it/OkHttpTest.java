package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.it.apps.LoadersApp;
import dev.rebound.it.apps.OkHttpApp;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OkHttp situations beyond the scenario suites ({@code apps.OkHttpApp}), on each major release: 5.x (the
 * sample app's jar), 4.12, 3.14 and 3.12 (copied jars). Wire attempts are counted on the server.
 */
class OkHttpTest extends UpstreamTest {

    /** 3.12: the oldest supported, before {@code isOneShot}; the scenario suites run the other three. */
    private static final List<String> RELEASES = List.of("5", "4", "3", "3.12");
    private static final Pattern MS = Pattern.compile("ms=(\\d+)");

    static Stream<Arguments> jdkRelease() {
        return Jdks.all().stream().flatMap(jdk -> RELEASES.stream().map(r -> Arguments.of(jdk, r)));
    }

    static Stream<Arguments> jdkReleaseMode() {
        return jdkRelease().flatMap(a -> Stream.of("sync", "async").map(m -> Arguments.of(a.get()[0], a.get()[1], m)));
    }

    /** The OkHttp test app on {@code release}'s jars, with Retrofit's and Feign's beside them. */
    static ChildJvm okhttpApp(Jdk jdk, String release, boolean agent) {
        List<Path> jars = new ArrayList<>(release.equals("5") ? List.of(Artifacts.sampleAppJar()) : Artifacts.okhttpJars(release));
        jars.addAll(Artifacts.okhttpJars("retrofit"));
        jars.addAll(Artifacts.okhttpJars("feign"));
        return ChildJvm.on(jdk).agent(agent).testApp(OkHttpApp.class, jars.toArray(new Path[0]));
    }

    /** A fixed backoff of {@code ms}: the tests below are about what happens during it. */
    static ChildJvm fixedBackoff(ChildJvm jvm, String ms) {
        return jvm.rebound("backoff.initial", ms + "ms").rebound("backoff.max", ms + "ms").rebound("backoff.jitter", "none");
    }

    static String result(ChildResult child) {
        assertEquals(0, child.exitCode(), child::describe);
        return child.stdoutLines().stream().filter(l -> l.startsWith("result ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no result line\n" + child.describe()));
    }

    /**
     * A retried response's body is consumed and closed, so its connection goes back to the pool: with one
     * idle connection, one request per host at a time, and a server that serves one connection at a time,
     * a single leaked connection would stall every later call until its timeout.
     */
    @ParameterizedTest(name = "{0} okhttp {1} {2}")
    @MethodSource("jdkReleaseMode")
    void aPoolOfOneSurvivesAHundredRetriedCalls(Jdk jdk, String release, String mode) {
        try (OneConnectionServer server = OneConnectionServer.start()) {
            ChildResult child = fixedBackoff(okhttpApp(jdk, release, true), "1").timeout(Duration.ofSeconds(90))
                    .args("pool-" + mode, server.url(""), "100").run();

            assertTrue(result(child).startsWith("result ok=100 of=100 idle=1"), child::describe);
            assertEquals(200, server.total(), child::describe);
        }
    }

    /** Cancelling the call while rebound waits its backoff ends it at once, and nothing more goes out. */
    @ParameterizedTest(name = "{0} okhttp {1} {2}")
    @MethodSource("jdkReleaseMode")
    void aCancelDuringTheBackoffStopsFurtherAttempts(Jdk jdk, String release, String mode) {
        String path = "/" + unique("cancel");
        upstream.always(path, status(502, "bad gateway"));

        ChildResult child = fixedBackoff(okhttpApp(jdk, release, true), "2500")
                .args("cancel-" + mode, upstream.url(path), "700").run();

        String result = result(child);
        assertTrue(result.startsWith("result error=java.io.IOException message=Canceled ms="), child::describe);
        Matcher ms = MS.matcher(result);
        assertTrue(ms.find() && Long.parseLong(ms.group(1)) < 2_000, () -> "ended by the cancel, not the backoff\n" + child.describe());
        assertWireAttempts(1, path, child);
    }

    /**
     * An async call's backoff holds no dispatcher thread: with a dispatcher that runs one request at a time,
     * a second call goes out and completes while the first waits its backoff.
     */
    @ParameterizedTest(name = "{0} okhttp {1}")
    @MethodSource("jdkRelease")
    void anAsyncBackoffHoldsNoDispatcherThread(Jdk jdk, String release) {
        String slow = "/" + unique("slow");
        String fast = "/" + unique("fast");
        upstream.sequence(slow, status(502, "bad gateway"), status(200, "slow"));
        upstream.always(fast, status(200, "fast"));

        ChildResult child = fixedBackoff(okhttpApp(jdk, release, true), "2000")
                .args("dispatcher", upstream.url(slow), upstream.url(fast)).run();

        Matcher m = Pattern.compile("result slow-ms=(\\d+) fast-ms=(\\d+)").matcher(result(child));
        assertTrue(m.find(), child::describe);
        long slowMs = Long.parseLong(m.group(1));
        long fastMs = Long.parseLong(m.group(2));
        // Held for the backoff, the one dispatcher slot would let the second call out only after the first's retry.
        assertTrue(slowMs >= 2_000 && fastMs < slowMs - 1_000, () -> "the second call waited for the first\n" + child.describe());
        assertWireAttempts(2, slow, child);
        assertWireAttempts(2, fast, child);
    }

    /** A one-shot body is never sent again, even on a POST that carries an Idempotency-Key. */
    @ParameterizedTest(name = "{0} okhttp {1}")
    @MethodSource("jdkRelease")
    void aOneShotBodyIsSentOnce(Jdk jdk, String release) {
        String path = "/" + unique("oneshot");
        upstream.always(path, status(502, "bad gateway"));

        ChildResult child = fixedBackoff(okhttpApp(jdk, release, true), "1").args("oneshot", upstream.url(path)).run();

        assertEquals("result status=502 body=bad gateway", result(child), child::describe);
        assertWireAttempts(1, path, child);
    }

    static Stream<Arguments> jdkLibrary() {
        // Retrofit 2.11 on OkHttp 3.14 (its own dependency), Feign's OkHttp client on 4.12 (its own).
        return Jdks.all().stream().flatMap(jdk -> Stream.of(
                Arguments.of(jdk, "retrofit-sync", "3"), Arguments.of(jdk, "retrofit-async", "3"),
                Arguments.of(jdk, "feign", "4")));
    }

    /** Retrofit (sync and async) and Feign's OkHttp client: a 502 then a 200 is recovered, with 2 attempts. */
    @ParameterizedTest(name = "{0} {1} okhttp {2}")
    @MethodSource("jdkLibrary")
    void retrofitAndFeignRecover(Jdk jdk, String scenario, String release) {
        for (boolean agent : new boolean[] {true, false}) {
            String path = "/" + unique(scenario);
            upstream.sequence(path, status(502, "bad gateway"), status(200, "fine"));

            ChildResult child = fixedBackoff(okhttpApp(jdk, release, agent), "1").args(scenario, upstream.url(path)).run();

            String expected = agent ? "result status=200 body=fine"
                    : scenario.equals("feign") ? "result status=502 error=feign.FeignException$BadGateway"
                    : "result status=502 body=bad gateway";
            assertEquals(expected, result(child), child::describe);
            assertWireAttempts(agent ? 2 : 1, path, child);
        }
    }

    /** Two class loaders of one JVM, OkHttp 3.14 in one and 5.x in the other: each gets its own bridge. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkMode")
    void twoLoadersWithDifferentReleasesEachGetTheirOwnBridge(Jdk jdk, String client) {
        String oldPath = "/" + unique("loader-3");
        String newPath = "/" + unique("loader-5");
        upstream.sequence(oldPath, status(502, "bad"), status(200, "old ok"));
        upstream.sequence(newPath, status(502, "bad"), status(200, "new ok"));
        List<Path> older = new ArrayList<>(Artifacts.okhttpJars("3"));
        older.add(Artifacts.sampleAppJar());

        ChildResult result = ChildJvm.on(jdk).withAgent().rebound("log.level", "debug")
                .testApp(LoadersApp.class)
                .args(client, older.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                        upstream.url(oldPath), Artifacts.sampleAppJar().toString(), upstream.url(newPath))
                .run();

        assertEquals(0, result.exitCode(), result::describe);
        List<String> out = result.stdoutLines();
        assertTrue(out.stream().anyMatch(l -> l.startsWith("loader1 call=1 status=200 ")), result::describe);
        assertTrue(out.stream().anyMatch(l -> l.startsWith("loader2 call=1 status=200 ")), result::describe);
        assertWireAttempts(2, oldPath, result);
        assertWireAttempts(2, newPath, result);
        assertEquals(2, result.stderrLines().stream()
                .filter(l -> l.contains(" defined in class loader java.net.URLClassLoader")).count(),
                () -> "one bridge per loader\n" + result.describe());
        assertEquals(2, upstream.requests(oldPath).stream().filter(r -> r.getHeader("User-Agent").startsWith("okhttp/3.")).count(),
                result::describe);
    }

    static Stream<Arguments> jdkMode() {
        return Jdks.all().stream().flatMap(jdk -> Stream.of(Arguments.of(jdk, "okhttp"), Arguments.of(jdk, "okhttp-async")));
    }

    /** The sample app as a Spring Boot executable jar: OkHttp comes from Spring Boot's nested-jar loader. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkMode")
    void aSpringBootExecutableJarIsRetriedLikeAPlainOne(Jdk jdk, String client) {
        for (boolean agent : new boolean[] {true, false}) {
            String path = "/" + unique("boot");
            upstream.sequence(path, status(502, "bad gateway"), status(200, "all good"));
            ChildJvm jvm = ChildJvm.on(jdk).agent(agent).jar(Artifacts.bootJar()).args("--client", client);
            if (agent) {
                jvm.rebound("log.level", "debug");
            }

            ChildResult result = call(jvm, upstream.url(path));

            assertWireAttempts(agent ? 2 : 1, path, result);
            assertResponse(agent ? 200 : 502, agent ? "all good" : "bad gateway", result);
            if (agent) {
                assertTrue(result.stderrLines().stream().anyMatch(l -> l.contains(" defined in class loader "
                        + "org.springframework.boot.loader.launch.LaunchedClassLoader")), result::describe);
            }
        }
    }

    /** A real nginx whose backend drops its first two connections: its genuine 502s are retried. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkMode")
    void behindNginxRecoversOnceTheBackendAnswers(Jdk jdk, String client) {
        byte[] answer = ("order 42 from the backend " + java.util.UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (DroppingBackend backend = DroppingBackend.start(2, answer);
             NginxFixture nginx = NginxFixture.start(backend.port())) {

            ChildResult result = ChildJvm.on(jdk).withAgent().sampleApp()
                    .args("--client", client, "--timeout-ms", CALL_TIMEOUT_MS, nginx.url("/orders/42")).run();

            assertEquals(0, result.exitCode(), result::describe);
            CallLine call = result.app().only();
            assertEquals(3, backend.connections(), () -> "backend connections\n" + result.describe() + nginx.logs());
            assertEquals(Integer.valueOf(200), call.status(), () -> result.describe() + nginx.logs());
            assertEquals(Sha256.hex(answer), call.sha256(), () -> "the backend's body\n" + result.describe());
        }
    }
}
