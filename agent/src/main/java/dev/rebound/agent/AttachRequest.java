package dev.rebound.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the attach CLI asks of {@code agentmain}, as one agent-argument string:
 * {@code rebound-cli:<command>:<length of the reply file's path>:<that path><configuration>}. The path is
 * length-prefixed because any character may occur in it; the configuration is the usual agent-argument
 * text ({@code key=value;...}). Any other argument string (an agent loaded by another tool) is an
 * {@code attach} with that configuration, replying on stderr.
 *
 * <p>The reply goes through a file that the CLI created: the Attach API carries no text back from
 * {@code agentmain}. Its first line is the exit code for the CLI, the rest its message.
 */
final class AttachRequest {
    static final String ATTACH = "attach";
    static final String DETACH = "detach";
    static final String STATUS = "status";
    private static final String PREFIX = "rebound-cli:";

    final String command;
    /** Null: reply on stderr. */
    final String replyFile;
    final String configuration;

    AttachRequest(String command, String replyFile, String configuration) {
        this.command = command;
        this.replyFile = replyFile;
        this.configuration = configuration;
    }

    String encode() {
        return PREFIX + command + ":" + replyFile.length() + ":" + replyFile + (configuration == null ? "" : configuration);
    }

    static AttachRequest decode(String arguments) {
        if (arguments == null || !arguments.startsWith(PREFIX)) {
            return new AttachRequest(ATTACH, null, arguments);
        }
        try {
            int commandEnd = arguments.indexOf(':', PREFIX.length());
            int lengthEnd = arguments.indexOf(':', commandEnd + 1);
            int length = Integer.parseInt(arguments.substring(commandEnd + 1, lengthEnd));
            int pathEnd = lengthEnd + 1 + length;
            return new AttachRequest(arguments.substring(PREFIX.length(), commandEnd),
                    arguments.substring(lengthEnd + 1, pathEnd), arguments.substring(pathEnd));
        } catch (RuntimeException e) {
            return new AttachRequest("malformed", null, null);
        }
    }

    /** Writes the reply where the CLI reads it, or on stderr; never throws. */
    void reply(int exitCode, String message) {
        if (replyFile != null) {
            OutputStream file = null;
            try {
                file = new FileOutputStream(new File(replyFile));
                file.write((exitCode + "\n" + message + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            } catch (IOException | RuntimeException e) {
                System.err.println("rebound: cannot write the reply to the " + command + " command (" + e + ")");
            } finally {
                closeQuietly(file);
            }
        }
        PrintStream err = System.err;
        err.println(message);
    }

    private static void closeQuietly(OutputStream out) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the reply is written or reported already
            }
        }
    }
}
