package dev.rebound.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.it.apps.ConnectFailureApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/**
 * A connect failure sent nothing: a POST without an idempotency key whose port refused the first attempt
 * is sent again once the port accepts, and the server receives its body exactly once, on every client
 * (HttpURLConnection buffered and in both streaming modes, the JDK client, Apache 4 and 5). The same POST
 * answered 502 is not retried. One child JVM per JDK, with and without the agent.
 */
class ConnectFailureTest {

    private static final String[] CLIENTS = {"huc", "huc-fixed", "huc-chunked", "jdk", "apache4", "apache5", "okhttp",
        "okhttp-async"};

    @AcrossJdksWithAndWithoutAgent
    void aPostWhoseConnectionFailedIsSentOnceItConnectsAndA502IsNot(Jdk jdk, boolean agent) throws Exception {
        List<String> args = new ArrayList<>();
        args.add(agent ? "--agent" : "--no-agent");
        for (String client : CLIENTS) {
            args.add(client + "-refused");
            args.add(client + "-502");
        }
        args.add("huc-fixedput-refused502");
        ChildResult result = ChildJvm.on(jdk).agent(agent)
                // A fixed 1 s wait before the retry: the app opens the port once the first attempt has failed.
                .rebound("backoff.initial", "1s")
                .rebound("backoff.jitter", "none")
                .timeout(Duration.ofSeconds(90))
                .testApp(ConnectFailureApp.class, classpath())
                .args(args)
                .run();
        assertEquals(0, result.exitCode(), result::describe);
        assertTrue(result.stdoutLines().contains("done"), result::describe);

        List<Executable> checks = new ArrayList<>();
        for (String client : CLIENTS) {
            String refused = line(result, client + "-refused");
            String bad = line(result, client + "-502");
            System.out.println("[connect-failure] " + jdk + " agent=" + agent + " " + refused + " | " + bad);
            if (agent) {
                checks.add(() -> assertTrue(refused.endsWith(" result=200 requests=1 intact=1 retried=1"),
                        () -> "retried once connected, body received once: " + refused + "\n" + result.describe()));
            } else {
                checks.add(() -> assertTrue(refused.contains("ConnectException requests=0 intact=0"),
                        () -> "without the agent the app gets the connect failure: " + refused + "\n" + result.describe()));
            }
            checks.add(() -> assertTrue(bad.endsWith(" result=502 requests=1 intact=1 retried=0"),
                    () -> "a POST answered 502 is not retried: " + bad + "\n" + result.describe()));
        }
        // A streaming PUT whose connect was retried: once the app has streamed its body, a 502 is not
        // retried, though PUT is a safe method: the body is gone.
        String streamed = line(result, "huc-fixedput-refused502");
        System.out.println("[connect-failure] " + jdk + " agent=" + agent + " " + streamed);
        checks.add(() -> assertTrue(streamed.endsWith(agent ? " result=502 requests=1 intact=1 retried=1"
                        : "ConnectException requests=0 intact=0 retried=0"),
                () -> "streamed body never sent again: " + streamed + "\n" + result.describe()));
        assertAll(checks);
    }

    private static String line(ChildResult result, String scenario) {
        return result.stdoutLines().stream().filter(l -> l.startsWith("scenario=" + scenario + " ")).findFirst()
                .orElse("(no line for " + scenario + ")");
    }

    private static Path[] classpath() throws Exception {
        String[] classes = {
                "org.apache.http.impl.client.HttpClients", "org.apache.http.HttpEntity",
                "org.apache.commons.logging.Log", "org.apache.commons.codec.binary.Base64",
                "org.apache.hc.client5.http.impl.classic.HttpClients", "org.apache.hc.core5.http.HttpEntity",
                "org.apache.hc.core5.http2.HttpVersionPolicy", "org.slf4j.LoggerFactory",
                "okhttp3.OkHttpClient", "okio.Buffer"};
        List<Path> jars = new ArrayList<>();
        for (String name : classes) {
            Path jar = OuterRetrierTest.jarOf(name);
            if (!jars.contains(jar)) {
                jars.add(jar);
            }
        }
        return jars.toArray(new Path[0]);
    }
}
