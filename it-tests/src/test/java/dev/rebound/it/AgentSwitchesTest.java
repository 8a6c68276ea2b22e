package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the agent is switched on, off and configured from the outside: system properties, environment
 * only ({@code JAVA_TOOL_OPTIONS} + {@code REBOUND_*}) and bad values. Each client's own switch, and what
 * the agent may print on stderr, are scenarios of {@link ClientScenariosTest}.
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
}
