package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.it.apps.OuterRetrierApp;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/**
 * One retry layer: real retry libraries (AWS SDK for Java v1, Spring Retry's {@code RetryTemplate} and
 * {@code @Retryable}, Resilience4j {@code Retry}) wrap calls through HttpURLConnection, Apache HttpClient 4 and the JDK client.
 * With the agent the upstream sees exactly the library's own attempts, a fail-once call still recovers, and
 * the same client's calls outside a library are retried by rebound as ever. Every scenario runs in one child
 * JVM per JDK, with and without the agent; the wire counts without it are the libraries' alone.
 */
class OuterRetrierTest extends UpstreamTest {

    /** Scenario -> wire attempts without the agent, with it, and what the app gets (a fragment of its line). */
    private record Expect(int without, int with, String result, String resultWithout) {
        Expect(int without, int with, String result) {
            this(without, with, result, result);
        }
    }

    private static final Map<String, Expect> SCENARIOS = new LinkedHashMap<>();

    static {
        // AWS SDK v1, S3 getObjectAsString: 1 + 3 retries by the SDK's default policy.
        SCENARIOS.put("aws-s3-502", new Expect(4, 4, "s3-error-status=502"));
        SCENARIOS.put("aws-s3-once", new Expect(2, 2, "good"));
        // The SDK with its retries off still counts as a retrier (README: presence, not settings).
        SCENARIOS.put("aws-noretry-502", new Expect(1, 1, "s3-error-status=502"));
        // RetryTemplate and Retry with 2 attempts, around each client.
        for (String library : new String[] {"spring", "r4j"}) {
            for (String client : new String[] {"huc", "apache"}) {
                SCENARIOS.put(library + "-" + client + "-502", new Expect(2, 2, "error=IOException:HTTP 502"));
                SCENARIOS.put(library + "-" + client + "-once", new Expect(2, 2, "status=200:good"));
            }
        }
        SCENARIOS.put("spring-jdk-502", new Expect(2, 2, "error=IOException:HTTP 502"));
        // @Retryable (2 attempts) on a bean method, through the interceptor @EnableRetry installs.
        SCENARIOS.put("retryable-huc-502", new Expect(2, 2, "error=IOException:HTTP 502"));
        SCENARIOS.put("retryable-apache-once", new Expect(2, 2, "status=200:good"));
        // sendAsync: the caller's stack is gone when the JDK judges the attempt; rebound retries (README).
        SCENARIOS.put("r4j-jdkasync-502", new Expect(2, 6, "error=IOException:HTTP 502"));
        // Per call: the same clients and host outside any library are retried by rebound.
        SCENARIOS.put("plain-huc-502", new Expect(1, 3, "error=IOException:HTTP 502"));
        SCENARIOS.put("plain-apache-502", new Expect(1, 3, "error=IOException:HTTP 502"));
        SCENARIOS.put("plain-huc-once", new Expect(1, 2, "status=200:good", "error=IOException:HTTP 502"));
    }

    /** Calls left to a library by the agent: every attempt of every wrapped scenario that got a 502. */
    private static final int OUTER_RETRY_SKIPS = 4 + 1 + 1 + 4 * (2 + 1) + 2 + 2 + 1;

    private static String path(String scenario) {
        return scenario.startsWith("aws-") ? "/b/" + scenario : "/" + scenario;
    }

    @AcrossJdksWithAndWithoutAgent
    void wireAttemptsAreTheLibrariesOwnAndCallsOutsideThemAreStillRetried(Jdk jdk, boolean agent) throws Exception {
        for (String scenario : SCENARIOS.keySet()) {
            if (scenario.endsWith("-once")) {
                upstream.sequence(path(scenario), status(502, "bad"), status(200, "good"));
            } else {
                upstream.always(path(scenario), status(502, "bad"));
            }
        }
        int metricsPort = FreePorts.free();
        List<String> args = new ArrayList<>();
        args.add("http://127.0.0.1:" + upstream.port());
        args.addAll(SCENARIOS.keySet());
        ChildJvm jvm = ChildJvm.on(jdk).agent(agent)
                .rebound("circuit.failure-threshold", "100")
                // No call may leave the machine: credentials and region are given, the metadata service is off.
                .sysProp("com.amazonaws.sdk.disableEc2Metadata", "true")
                .env("AWS_EC2_METADATA_DISABLED", "true")
                .timeout(Duration.ofSeconds(90))
                .testApp(OuterRetrierApp.class, classpath())
                .args(args);
        if (agent) {
            jvm.rebound("metrics.prometheus.port", Integer.toString(metricsPort));
        }
        ChildResult result = jvm.run();
        assertEquals(0, result.exitCode(), result::describe);
        assertTrue(result.stdoutLines().contains("done"), result::describe);

        List<Executable> checks = new ArrayList<>();
        for (Map.Entry<String, Expect> e : SCENARIOS.entrySet()) {
            String scenario = e.getKey();
            Expect expect = e.getValue();
            int wire = upstream.count(path(scenario));
            String line = result.stdoutLines().stream().filter(l -> l.startsWith("scenario=" + scenario + " "))
                    .findFirst().orElse("(no line)");
            System.out.println("[outer-retrier] " + jdk + " agent=" + agent + " " + scenario + " wire=" + wire + " " + line);
            checks.add(() -> assertEquals(agent ? expect.with() : expect.without(), wire,
                    () -> "wire attempts of " + scenario + "\n" + result.describe()));
            String got = agent ? expect.result() : expect.resultWithout();
            checks.add(() -> assertTrue(line.contains(" result=" + got),
                    () -> scenario + " gave the app '" + line + "', expected '" + got + "'\n" + result.describe()));
        }
        assertAll(checks);
        if (agent) {
            PromText metrics = PromText.parse(between(result.stdoutLines(), "metrics-begin", "metrics-end"));
            assertEquals(OUTER_RETRY_SKIPS, (int) metrics.sum("rebound_retries_skipped_total", Map.of("cause", "outer_retry")),
                    result::describe);
            assertEquals(0, (int) metrics.sum("rebound_retries_skipped_total", Map.of("cause", "budget")), result::describe);
        }
    }

    private static String between(List<String> lines, String begin, String end) {
        int from = lines.indexOf(begin);
        int to = lines.indexOf(end);
        assertTrue(from >= 0 && to > from, "metrics block in the app's output");
        return String.join("\n", lines.subList(from + 1, to)) + "\n";
    }

    /** The libraries and clients the app uses, from this module's test class path. */
    static Path[] classpath() throws URISyntaxException {
        String[] classes = {
                "com.amazonaws.services.s3.AmazonS3", "com.amazonaws.AmazonWebServiceClient",
                "com.amazonaws.services.kms.AWSKMS", "com.amazonaws.jmespath.JmesPathExpression",
                "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core.JsonFactory",
                "com.fasterxml.jackson.annotation.JsonProperty", "com.fasterxml.jackson.dataformat.cbor.CBORFactory",
                "org.joda.time.DateTime",
                "org.apache.http.impl.client.HttpClients", "org.apache.http.HttpEntity",
                "org.apache.commons.logging.Log", "org.apache.commons.codec.binary.Base64",
                "org.springframework.retry.support.RetryTemplate", "org.springframework.util.Assert",
                "org.springframework.aop.framework.ProxyFactory", "org.springframework.beans.factory.BeanFactory",
                "org.springframework.expression.ParserContext",
                "io.github.resilience4j.retry.Retry", "io.github.resilience4j.core.IntervalFunction",
                "org.slf4j.LoggerFactory"};
        List<Path> jars = new ArrayList<>();
        for (String name : classes) {
            Path jar = jarOf(name);
            if (!jars.contains(jar)) {
                jars.add(jar);
            }
        }
        return jars.toArray(new Path[0]);
    }

    static Path jarOf(String className) throws URISyntaxException {
        try {
            return Paths.get(Class.forName(className, false, OuterRetrierTest.class.getClassLoader())
                    .getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " must be on the it-tests test class path", e);
        }
    }
}
