package dev.rebound.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar rebound-agent.jar} as a user runs it: the listing, and {@code --check} in a deployment's CI. */
class AgentCliTest {

    @AcrossJdks
    void listsTheVersionEveryKeyAndTheEffectiveConfiguration(Jdk jdk) {
        ChildResult r = ChildJvm.on(jdk).jar(Artifacts.agentJar()).rebound("max-attempts", "4").run();
        assertEquals(0, r.exitCode(), r::describe);
        String out = r.stdout();
        assertTrue(out.startsWith("rebound "), r::describe);
        for (String key : new String[] {"enabled", "mode", "max-attempts", "retry-on", "methods", "idempotency-header",
            "backoff.jitter", "retry-after.max", "max-elapsed", "hosts.exclude", "metrics.prometheus.port",
            "budget.ratio", "circuit.failure-threshold", "instrumentation.http-url-connection.enabled"}) {
            assertTrue(out.contains(key), () -> key + " listed\n" + r.describe());
        }
        assertTrue(out.matches("(?s).*max-attempts\\s*=\\s*4\\s+\\(system property rebound\\.max-attempts\\).*"),
                () -> "effective value and its source\n" + r.describe());
    }

    @AcrossJdks
    void checkPassesAGoodConfiguration(Jdk jdk) {
        ChildResult r = ChildJvm.on(jdk).jar(Artifacts.agentJar()).args("--check")
                .env("REBOUND_RETRY_ON", "502,503,reset").run();
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stdout().contains("configuration OK"), r::describe);
    }

    @AcrossJdks
    void checkFailsAndNamesEachBadKey(Jdk jdk) {
        ChildResult r = ChildJvm.on(jdk).jar(Artifacts.agentJar()).args("--check")
                .rebound("max-attempts", "banana").rebound("methods", "GET,POST").rebound("max-attemps", "2").run();
        assertEquals(1, r.exitCode(), r::describe);
        String err = r.stderr();
        assertTrue(err.contains("max-attempts: 'banana'"), r::describe);
        assertTrue(err.contains("bad value for methods"), () -> "the engine refuses POST without a key\n" + r.describe());
        assertTrue(err.contains("did you mean rebound.max-attempts"), r::describe);
        assertFalse(err.contains("Exception"), r::describe);
    }

    @AcrossJdks
    void rulesAreListedAndChecked(Jdk jdk) {
        ChildResult listing = ChildJvm.on(jdk).jar(Artifacts.agentJar())
                .env("REBOUND_RULES_1_HOST", "payments.internal").rebound("rules.1.max-attempts", "2").run();
        assertEquals(0, listing.exitCode(), listing::describe);
        String out = listing.stdout();
        assertTrue(out.contains("rules.1.host"), listing::describe);
        String[] lines = out.substring(out.indexOf("\nrules.1.host") + 1).split("\n", 3);
        assertEquals("rules.1.host = payments.internal  (env REBOUND_RULES_1_HOST)", lines[0].replaceAll(" +=", " ="),
                () -> "each rule key in force, with its source\n" + listing.describe());
        assertEquals("rules.1.max-attempts = 2  (system property rebound.rules.1.max-attempts)",
                lines[1].replaceAll(" +=", " ="), listing::describe);

        ChildResult good = ChildJvm.on(jdk).jar(Artifacts.agentJar()).args("--check")
                .env("REBOUND_RULES_1_HOST", "*.cdn.example.com").env("REBOUND_RULES_1_ENABLED", "false").run();
        assertEquals(0, good.exitCode(), good::describe);

        ChildResult bad = ChildJvm.on(jdk).jar(Artifacts.agentJar()).args("--check")
                .env("REBOUND_RULES_1_MAX_ATEMPTS", "2").rebound("rules.2.host", "bad host")
                .rebound("rules.3.path", "/batch/").rebound("rules.3.budget.burst", "5").run();
        assertEquals(1, bad.exitCode(), bad::describe);
        String err = bad.stderr();
        assertTrue(err.contains("did you mean REBOUND_RULES_1_MAX_ATTEMPTS?"), bad::describe);
        assertTrue(err.contains("bad value for rules.2.host: 'bad host'") && err.contains("rule rules.2 is dropped"),
                bad::describe);
        assertTrue(err.contains("rules.3.budget.burst (ignored)"), bad::describe);
        assertTrue(err.contains("configuration has 3 problem(s)"), bad::describe);
    }
}
