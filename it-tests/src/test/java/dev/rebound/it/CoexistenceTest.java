package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.it.apps.CoexistenceApp;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * An app with its own, unrelocated Byte Buddy (another version than the agent's) and slf4j-simple:
 * with the agent loaded both keep working, and its HttpURLConnection call is still retried.
 */
class CoexistenceTest extends UpstreamTest {

    @AcrossJdksWithAndWithoutAgent
    void appWithItsOwnByteBuddyAndSlf4jWorksAndIsRetried(Jdk jdk, boolean agent) throws URISyntaxException {
        String path = "/" + unique("coexist");
        String good = unique("good");
        upstream.sequence(path, status(502, unique("bad")), status(200, good));
        Path byteBuddy = jarOf("net.bytebuddy.ByteBuddy");

        ChildResult result = ChildJvm.on(jdk).agent(agent)
                .sysProp("org.slf4j.simpleLogger.defaultLogLevel", "info")
                .testApp(CoexistenceApp.class, byteBuddy, jarOf("org.slf4j.LoggerFactory"), jarOf("org.slf4j.simple.SimpleLogger"))
                .args(upstream.url(path))
                .run();

        assertEquals(0, result.exitCode(), result::describe);
        List<String> out = result.stdoutLines();
        assertTrue(out.contains("generated=made-by-app-bytebuddy"), () -> "the app's Byte Buddy made its class\n" + result.describe());
        String used = out.stream().filter(l -> l.startsWith("bytebuddy=")).findFirst().orElse("bytebuddy=?");
        assertEquals(byteBuddy, Paths.get(new java.net.URI(used.substring("bytebuddy=".length()))),
                () -> "the app used its own Byte Buddy jar\n" + result.describe());
        assertTrue(result.stderr().contains("INFO dev.rebound.it.apps.CoexistenceApp - coexistence app logging through slf4j-simple"),
                () -> "slf4j-simple logged the app's line\n" + result.describe());
        assertWireAttempts(agent ? 2 : 1, path, result);
        assertEquals(Integer.valueOf(agent ? 200 : 502), result.app().only().status(), result::describe);
    }

    private static Path jarOf(String className) throws URISyntaxException {
        try {
            Class<?> type = Class.forName(className);
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " must be on the it-tests test class path", e);
        }
    }
}
