package dev.rebound.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent arguments between the attach CLI and {@code agentmain}, and the reply file. */
class AttachRequestTest {

    @Test
    void aPathWithSeparatorsAndTheConfigurationSurviveTheRoundTrip() {
        String path = "/tmp/a:b;c=d/rebound-status-1.txt";
        AttachRequest decoded = AttachRequest.decode(
                new AttachRequest("status", path, "max-attempts=2;retry-on=502,503").encode());
        assertEquals("status", decoded.command);
        assertEquals(path, decoded.replyFile);
        assertEquals("max-attempts=2;retry-on=502,503", decoded.configuration);
    }

    @Test
    void argumentsFromAnotherToolAreAPlainAttachWithThatConfiguration() {
        AttachRequest decoded = AttachRequest.decode("max-attempts=2");
        assertEquals("attach", decoded.command);
        assertNull(decoded.replyFile);
        assertEquals("max-attempts=2", decoded.configuration);
        assertEquals("attach", AttachRequest.decode(null).command);
    }

    @Test
    void aMalformedRequestIsNoCommand() {
        AttachRequest decoded = AttachRequest.decode("rebound-cli:status:99:/short");
        assertEquals("malformed", decoded.command);
        assertNull(decoded.replyFile);
    }

    @Test
    void theReplyIsTheExitCodeThenTheText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reply.txt");
        new AttachRequest("detach", file.toString(), "").reply(1, "rebound: not attached");
        assertEquals("1\nrebound: not attached\n", new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    @Test
    void theCliRefusesWhatTheMarkRulesOut() {
        assertEquals("rebound: already attached to JVM 7 (detach it first to attach other settings)",
                AttachCli.refusal("attach", AgentState.ATTACH, "7"));
        assertEquals("rebound: not attached to JVM 7: nothing to detach", AttachCli.refusal("detach", null, "7"));
        assertEquals("rebound: not loaded in JVM 7", AttachCli.refusal("status", null, "7"));
        assertNull(AttachCli.refusal("attach", null, "7"));
        assertNull(AttachCli.refusal("detach", AgentState.ATTACH, "7"));
        assertNull(AttachCli.refusal("status", AgentState.PREMAIN, "7"));
    }
}
