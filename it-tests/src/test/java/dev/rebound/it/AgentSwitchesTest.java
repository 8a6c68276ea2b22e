package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/**
 * How the agent is switched on, off and configured from the outside: system properties, environment
 * only ({@code JAVA_TOOL_OPTIONS} + {@code REBOUND_*}), bad values, and what it may print on stderr.
 */
class AgentSwitchesTest extends UpstreamTest {

    private String path;
    private String body;

    private void upstreamDownForever() {
        path = "/" + unique("down");
        body = unique("bad gateway");
        upstream.always(path, status(502, body));
    }

    @AcrossJdks
    void enabledFalseTurnsTheAgentOff(Jdk jdk) {
        upstreamDownForever();
        ChildResult result = call(app(jdk, true).rebound("enabled", "false"), upstream.url(path));
        assertWireAttempts(1, path, result);
        assertResponse(502, body, result);
    }

    @AcrossJdks
    void disabledInstrumentationLeavesHttpUrlConnectionAlone(Jdk jdk) {
        upstreamDownForever();
        ChildResult result = call(app(jdk, true).rebound("instrumentation.http-url-connection.enabled", "false"),
                upstream.url(path));
        assertWireAttempts(1, path, result);
        assertResponse(502, body, result);
    }

    @AcrossJdks
    void badMaxAttemptsIsNamedAndFallsBackToTheDefault(Jdk jdk) {
        upstreamDownForever();
        ChildResult result = call(app(jdk, true).rebound("max-attempts", "banana"), upstream.url(path));
        assertWireAttempts(3, path, result);
        assertResponse(502, body, result);
        assertTrue(result.stderrLines().stream().anyMatch(l -> l.startsWith("rebound") && l.contains("max-attempts")),
                () -> "a rebound stderr line must name the bad key\n" + result.describe());
    }

    @AcrossJdks
    void agentAndConfigFromTheEnvironmentOnly(Jdk jdk) {
        upstreamDownForever();
        ChildJvm jvm = app(jdk, false)
                .env("JAVA_TOOL_OPTIONS", "-javaagent:" + Artifacts.agentJar())
                .env("REBOUND_MAX_ATTEMPTS", "2");
        assertTrue(jvm.command().stream().noneMatch(a -> a.startsWith("-javaagent")), "no -javaagent on the command line");

        ChildResult result = call(jvm, upstream.url(path));

        assertWireAttempts(2, path, result);
        assertResponse(502, body, result);
    }

    @AcrossJdksWithAndWithoutAgent
    void aHealthyRunLeavesStderrToTheAgentsStartupLine(Jdk jdk, boolean agent) {
        String okPath = "/" + unique("fine");
        String okBody = unique("fine");
        upstream.always(okPath, status(200, okBody));

        ChildResult result = call(app(jdk, agent), upstream.url(okPath));

        assertWireAttempts(1, okPath, result);
        assertResponse(200, okBody, result);
        List<String> lines = result.stderrLines();
        if (agent) {
            // Nothing else: no JVM or Unsafe warning, and no fallback notice (a failed bootstrap definition
            // would fall back to appending the jar to the boot path, which HotSpot reports as a CDS warning).
            assertEquals(1, lines.size(), () -> "stderr must be the startup line alone\n" + result.describe());
            assertTrue(lines.get(0).startsWith("rebound ") && lines.get(0).contains(": instrumenting "),
                    () -> "the startup line\n" + result.describe());
        } else {
            assertEquals(List.of(), lines, () -> "the sample app alone prints nothing on stderr\n" + result.describe());
        }
    }
}
