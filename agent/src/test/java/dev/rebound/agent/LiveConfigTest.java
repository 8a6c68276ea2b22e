package dev.rebound.agent;

import dev.rebound.config.ConfigKeys;
import dev.rebound.config.ConfigLoader;
import dev.rebound.config.ReboundConfig;
import dev.rebound.engine.CallListener;
import dev.rebound.engine.Client;
import dev.rebound.engine.Clock;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.RandomSource;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.engine.SkipCause;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveConfigTest {
    private static final ConfigKeys KEYS = ConfigKeys.of(List.of("http-url-connection", "jdk-http-client"));

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realErr;
    private Path file;

    @BeforeEach
    void captureStderr() {
        realErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        file = dir.resolve("app.properties");
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(realErr);
    }

    private String lines() {
        String text = err.toString(StandardCharsets.UTF_8);
        err.reset();
        return text.strip();
    }

    private ReboundConfig load(Map<String, String> props, String... fileLines) throws IOException {
        write(fileLines);
        Map<String, String> all = new HashMap<>(props);
        all.put("rebound.config-file", file.toString());
        return ConfigLoader.load(KEYS, all, Map.of());
    }

    /** As an editor that saves by rename: the new content appears at once, under a new inode. */
    private void write(String... fileLines) throws IOException {
        Path tmp = dir.resolve("app.properties.tmp");
        Files.write(tmp, List.of(fileLines), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static RetryEngine engine(ReboundConfig config) {
        return new RetryEngine(Policies.from(config, new java.util.ArrayList<>()), Clock.SYSTEM, RandomSource.THREAD_LOCAL,
                new CallListener() {
                    @Override
                    public void callEnded(Client client, String host, String method, Outcome outcome) {
                    }

                    @Override
                    public void retried(Client client, String host, String reason, long delayNanos) {
                    }

                    @Override
                    public void retrySkipped(Client client, String host, SkipCause cause) {
                    }
                });
    }

    @Test
    void aFileChangeReplacesThePolicyWholeAndSaysWhatChanged() throws IOException {
        ReboundConfig start = load(Map.of(), "mode=observe", "max-attempts=3");
        RetryEngine engine = engine(start);
        LiveConfig live = new LiveConfig(start, engine, engine.policy());
        RetryPolicy before = engine.policy();
        assertTrue(before.observeOnly());

        write("mode=retry", "max-attempts=2");
        live.fileChanged();
        assertEquals("rebound: config changed (file " + file + "): mode observe -> retry, max-attempts 3 -> 2", lines());
        assertFalse(engine.policy().observeOnly());
        assertEquals(2, engine.policy().maxAttempts());
        assertEquals("retry", live.current().valueText(dev.rebound.config.ConfigKey.MODE));

        live.fileChanged();
        assertEquals("", lines(), "nothing changed, nothing said");
    }

    /**
     * The watcher takes a content up once two reads agree; what is applied must be that content, not a third
     * read of the file, which a writer may have caught half-written in between.
     */
    @Test
    void aFileChangeAppliesTheContentTheWatcherSawAgree() throws IOException {
        ReboundConfig start = load(Map.of(), "max-attempts=3");
        RetryEngine engine = engine(start);
        LiveConfig live = new LiveConfig(start, engine, engine.policy());

        write("max-attempts=1"); // a writer's next save, caught half-written ("max-attempts=10")
        live.fileChanged("max-attempts=2\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, engine.policy().maxAttempts());
        assertEquals("rebound: config changed (file " + file + "): max-attempts 3 -> 2", lines());
    }

    @Test
    void aBadValueRefusesTheWholeChangeOneLinePerKey() throws IOException {
        ReboundConfig start = load(Map.of(), "mode=observe");
        RetryEngine engine = engine(start);
        LiveConfig live = new LiveConfig(start, engine, engine.policy());
        RetryPolicy before = engine.policy();

        write("mode=retry", "max-attempts=banana", "backoff.max=soon", "max-atempts=2");
        live.fileChanged();
        String where = "(file " + file + "): ";
        assertEquals(String.join("\n",
                "rebound: config change not applied " + where + "unknown key max-atempts in config file '" + file
                        + "'; did you mean max-attempts?; the last good configuration stays",
                "rebound: config change not applied " + where
                        + "bad value for max-attempts: 'banana' (not a whole number); the last good configuration stays",
                "rebound: config change not applied " + where
                        + "bad value for backoff.max: 'soon' (not a duration such as 250ms, 2s or 1m); the last good configuration stays"),
                lines());
        assertSame(before, engine.policy());
        assertEquals("observe", live.current().valueText(dev.rebound.config.ConfigKey.MODE));

        write("mode=retry");
        live.fileChanged();
        assertEquals("rebound: config changed (file " + file + "): mode observe -> retry", lines());
    }

    @Test
    void aFileThatDisappearsKeepsTheLastGoodConfiguration() throws IOException {
        ReboundConfig start = load(Map.of(), "max-attempts=2");
        RetryEngine engine = engine(start);
        LiveConfig live = new LiveConfig(start, engine, engine.policy());
        Files.delete(file);
        live.fileChanged();
        assertEquals("rebound: config change not applied (file " + file + "): cannot read config file '" + file
                + "' (not found); the last good configuration stays", lines());
        assertEquals(2, engine.policy().maxAttempts());
        write("max-attempts=2");
        live.fileChanged();
        assertEquals("", lines());
    }

    @Test
    void settingsReadAtStartUpNeedARestartAndKeepTheirValue() throws IOException {
        ReboundConfig start = load(Map.of(), "metrics.prometheus.port=9400");
        RetryEngine engine = engine(start);
        LiveConfig live = new LiveConfig(start, engine, engine.policy());
        write("metrics.prometheus.port=9401", "log.level=debug", "max-attempts=4");
        live.fileChanged();
        assertEquals(String.join("\n",
                "rebound: config changed (file " + file + "): max-attempts 3 -> 4",
                "rebound: config change needs a restart (file " + file + "): metrics.prometheus.port 9400 -> 9401, "
                        + "log.level info -> debug; running with the old values"), lines());
        assertEquals(9400, live.current().prometheusPort());
        write("metrics.prometheus.port=9401", "log.level=debug", "max-attempts=5");
        live.fileChanged();
        assertEquals("rebound: config changed (file " + file + "): max-attempts 4 -> 5", lines(),
                "a pending restart is said once");
    }

    @Test
    void aRuleChangeIsAppliedWithTheRestAndNamedKeyByKey() throws IOException {
        ReboundConfig start = load(Map.of(), "max-attempts=3", "rules.1.host=payments.internal", "rules.1.max-attempts=2");
        RetryEngine engine = engine(start);
        LiveConfig live = new LiveConfig(start, engine, engine.rules().wovenFor());
        lines();
        assertEquals(2, engine.policyFor("payments.internal", 443, "GET", "/").maxAttempts());

        write("max-attempts=3", "rules.1.host=payments.internal", "rules.1.max-attempts=4", "rules.2.host=*.cdn.example.com",
                "rules.2.enabled=false");
        live.fileChanged();
        assertEquals("rebound: config changed (file " + file + "): rules.1.max-attempts 2 -> 4, "
                + "rules.2.host unset -> *.cdn.example.com, rules.2.enabled unset -> false", lines());
        assertEquals(4, engine.policyFor("payments.internal", 443, "GET", "/").maxAttempts());
        assertEquals(1, engine.policyFor("img.cdn.example.com", 443, "GET", "/").maxAttempts());
        assertEquals(3, engine.policyFor("other.example.com", 443, "GET", "/").maxAttempts());

        write("max-attempts=3", "rules.1.host=payments.internal", "rules.1.max-attempts=4", "rules.2.host=*.cdn.example.com",
                "rules.2.enabled=false", "rules.3.host=batch.internal", "rules.3.retry-on=502,reset");
        live.fileChanged();
        assertTrue(lines().startsWith("rebound: config change needs a restart (file " + file + "): rules.3.host unset -> "
                + "batch.internal, rules.3.retry-on unset -> 502,reset (reset in a rule's retry-on needs a restart)"));
        assertEquals(3, engine.policyFor("batch.internal", 443, "GET", "/").maxAttempts(), "the old rules stay");
        assertEquals(4, engine.policyFor("payments.internal", 443, "GET", "/").maxAttempts());
    }

    @Test
    void resetInRetryOnNeedsARestartWhenTheClientsWereWovenWithoutIt() throws IOException {
        ReboundConfig start = load(Map.of(), "retry-on=502");
        RetryEngine engine = engine(start);
        LiveConfig live = new LiveConfig(start, engine, engine.policy());
        write("retry-on=502,reset");
        live.fileChanged();
        assertEquals("rebound: config change needs a restart (file " + file + "): retry-on 502 -> 502,reset "
                + "(reset in retry-on needs a restart); running with the old value", lines());
        assertFalse(engine.policy().isRetryable(FailureKind.RESET));

        ReboundConfig withReset = load(Map.of(), "retry-on=502,reset", "mode=observe");
        RetryEngine engine2 = engine(withReset);
        LiveConfig live2 = new LiveConfig(withReset, engine2, engine2.policy());
        lines();
        write("retry-on=502,503,reset", "mode=retry");
        live2.fileChanged();
        assertEquals("rebound: config changed (file " + file + "): mode observe -> retry, retry-on 502,reset -> 502,503,reset",
                lines(), "reset was there at start-up: woven for, so it may come and go");
        assertTrue(engine2.policy().resendsResets());
    }

    @Test
    void aRuleKeySetByAHigherSourceIsNotChangedByTheFileAndTheLineSaysSo() throws IOException {
        ReboundConfig start = load(Map.of("rebound.rules.1.max-attempts", "2"), "rules.1.host=a.test",
                "rules.1.max-attempts=4");
        RetryEngine engine = engine(start);
        LiveConfig live = new LiveConfig(start, engine, engine.policy());
        write("rules.1.host=a.test", "rules.1.max-attempts=5");
        live.fileChanged();
        assertEquals("rebound: config change not in effect (file " + file + "): rules.1.max-attempts"
                + " (system property rebound.rules.1.max-attempts takes precedence)", lines());
        assertEquals(2, engine.policyFor("a.test", 80, "GET", "/").maxAttempts());
    }

    @Test
    void aKeySetByAHigherSourceIsNotChangedByTheFileAndTheLineSaysSo() throws IOException {
        ReboundConfig start = load(Map.of("rebound.max-attempts", "3"), "mode=observe");
        RetryEngine engine = engine(start);
        LiveConfig live = new LiveConfig(start, engine, engine.policy());
        write("mode=retry", "max-attempts=2");
        live.fileChanged();
        assertEquals(String.join("\n",
                "rebound: config changed (file " + file + "): mode observe -> retry",
                "rebound: config change not in effect (file " + file
                        + "): max-attempts (system property rebound.max-attempts takes precedence)"), lines());
        assertEquals(3, engine.policy().maxAttempts());
    }

    @Test
    void jmxWritesAreValidatedLikeTheFileAndTheFileWinsWhenItChangesTheKeyLater() throws IOException {
        ReboundConfig start = load(Map.of(), "mode=observe", "max-attempts=3");
        RetryEngine engine = engine(start);
        LiveConfig live = new LiveConfig(start, engine, engine.policy());

        assertNull(live.set("mode", "retry"));
        assertEquals("rebound: config changed (jmx): mode observe -> retry", lines());
        assertFalse(engine.policy().observeOnly());
        String refused = live.set("max-attempts", "11");
        assertEquals("rebound: config change not applied (jmx): value out of range for max-attempts: '11' (above the maximum 10);"
                + " the last good configuration stays", refused);
        assertEquals(refused, lines());
        assertEquals(3, engine.policy().maxAttempts());
        assertThrows(IllegalArgumentException.class, () -> live.set("max-atempts", "2"));

        write("mode=observe", "max-attempts=2");
        live.fileChanged();
        assertEquals("rebound: config changed (file " + file + "): max-attempts 3 -> 2", lines(),
                "mode stays as JMX set it: the file did not change it");
        write("mode=observe", "max-attempts=2", "# mode edited below", "mode=observe");
        live.fileChanged();
        assertEquals("", lines());
        write("mode=retry", "max-attempts=2");
        live.fileChanged();
        write("mode=observe", "max-attempts=2");
        live.fileChanged();
        assertEquals("rebound: config changed (file " + file + "): mode retry -> observe", lines(),
                "the file changed mode after JMX: the last writer wins");
        assertTrue(engine.policy().observeOnly());
    }

    @Test
    void enabledFalseLetsCallsPassAndTrueTakesThemBack() throws IOException {
        ReboundConfig start = load(Map.of());
        RetryEngine engine = engine(start);
        LiveConfig live = new LiveConfig(start, engine, engine.policy());
        assertTrue(engine.enabledFor("a.test", 80));
        assertNull(live.set("enabled", "false"));
        assertEquals("rebound: config changed (jmx): enabled true -> false", lines());
        assertFalse(engine.enabledFor("a.test", 80));
        assertNull(live.set("enabled", "true"));
        assertTrue(engine.enabledFor("a.test", 80));
        assertNull(live.set("hosts.exclude", "a.test"));
        assertFalse(engine.enabledFor("a.test", 80));
        assertTrue(engine.enabledFor("b.test", 80));
    }

    @Test
    void disabledAtStartUpEveryChangeNeedsARestart() throws IOException {
        ReboundConfig start = load(Map.of(), "enabled=false");
        LiveConfig live = new LiveConfig(start, null, null);
        write("enabled=true", "max-attempts=2");
        live.fileChanged();
        assertEquals("rebound: config change needs a restart (file " + file + "): enabled false -> true (rebound was"
                + " disabled at start-up and instruments nothing), max-attempts 3 -> 2; running with the old values",
                lines());
    }

    @Test
    void reasonDropsWhatStartUpDidAboutAProblem() {
        assertEquals("bad value for mode: 'x' (not one of retry, observe)",
                LiveConfig.reason("rebound: bad value for mode: 'x' (not one of retry, observe); using retry"));
        assertEquals("cannot read config file 'f' (not found)",
                LiveConfig.reason("rebound: cannot read config file 'f' (not found); continuing without it"));
    }
}
