package dev.rebound.agent;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * {@code java -jar rebound-agent.jar attach <pid> [key=value ...] | detach <pid> | status <pid>}, through the
 * JDK's Attach API. The target's state is read first, from its system properties ({@link AgentState#MARK}),
 * so that a refusal is printed here with a non-zero exit; the agent checks again under its own lock. The
 * agent's answer comes back through a file this process creates (see {@link AttachRequest}).
 *
 * <p>Only a JVM that lists itself (its performance data, {@code jps}'s source) is attached to: on Linux the
 * Attach API may signal an unknown process with {@code SIGQUIT} to wake its attach listener, which would end
 * a process that is not a JVM (recent JDK updates check first, then wait seconds for no answer).
 */
public final class AttachCli {
    private static final String USAGE = "usage: java -jar rebound-agent.jar attach <pid> [key=value ...]"
            + " | detach <pid> | status <pid>";

    private AttachCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args[0];
        if (args.length < 2 || !args[1].matches("[0-9]+")
                || !command.equals(AttachRequest.ATTACH) && args.length > 2) {
            err.println(USAGE);
            return 2;
        }
        String pid = args[1];
        if (Long.parseLong(pid) == ProcessHandle.current().pid()) {
            err.println("rebound: " + pid + " is this command's own process");
            return 1;
        }
        if (!listedJvm(pid)) {
            err.println("rebound: process " + pid + " is not a JVM this user can attach to (no such process, not a"
                    + " JVM, another user's, or started with -XX:-UsePerfData)");
            return 1;
        }
        File jar = agentJar();
        if (jar == null) {
            err.println("rebound: " + command + " must run from the agent jar (java -jar rebound-agent.jar ...)");
            return 1;
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException | IOException e) {
            err.println("rebound: cannot attach to JVM " + pid + " (" + e.getMessage() + ")");
            return 1;
        }
        try {
            String refusal = refusal(command, vm.getSystemProperties().getProperty(AgentState.MARK), pid);
            if (refusal != null) {
                err.println(refusal);
                return 1;
            }
            return request(vm, jar, command, configuration(args), pid, out, err);
        } catch (IOException e) {
            err.println("rebound: " + command + " failed: JVM " + pid + " stopped answering (" + e.getMessage() + ")");
            return 1;
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the connection is gone either way
            }
        }
    }

    /** What the target's mark rules out, or null. The agent says the same should the state change meanwhile. */
    static String refusal(String command, String loadedBy, String pid) {
        if (command.equals(AttachRequest.ATTACH)) {
            if (AgentState.PREMAIN.equals(loadedBy)) {
                return "rebound: JVM " + pid + " already runs rebound, loaded at start-up by -javaagent"
                        + " (change its settings there)";
            }
            if (AgentState.ATTACH.equals(loadedBy)) {
                return "rebound: already attached to JVM " + pid + " (detach it first to attach other settings)";
            }
        } else if (command.equals(AttachRequest.DETACH)) {
            if (AgentState.PREMAIN.equals(loadedBy)) {
                return "rebound: JVM " + pid + " loaded rebound at start-up by -javaagent: only an attached rebound"
                        + " can be detached (restart the JVM without -javaagent to remove it)";
            }
            if (loadedBy == null) {
                return "rebound: not attached to JVM " + pid + ": nothing to detach";
            }
        } else if (loadedBy == null) {
            return "rebound: not loaded in JVM " + pid;
        }
        return null;
    }

    private static int request(VirtualMachine vm, File jar, String command, String configuration, String pid,
                               PrintStream out, PrintStream err) throws IOException {
        File reply = File.createTempFile("rebound-" + command + "-", ".txt");
        try {
            try {
                vm.loadAgent(jar.getPath(), new AttachRequest(command, reply.getPath(), configuration).encode());
            } catch (AgentLoadException | AgentInitializationException e) {
                err.println("rebound: " + command + " failed: JVM " + pid + " could not run the agent (" + e.getMessage()
                        + "; see that JVM's stderr)");
                return 1;
            }
            String text = new String(Files.readAllBytes(reply.toPath()), StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            if (newline < 0) {
                err.println("rebound: " + command + " on JVM " + pid + ": no answer from the agent (see that JVM's stderr)");
                return 1;
            }
            int code = Integer.parseInt(text.substring(0, newline).trim());
            String message = text.substring(newline + 1).replaceAll("\n+$", "");
            (code == 0 ? out : err).println(message);
            return code;
        } finally {
            Files.deleteIfExists(reply.toPath());
        }
    }

    /** The {@code key=value} words, as agent arguments. */
    private static String configuration(String[] args) {
        return String.join(";", Arrays.asList(args).subList(2, args.length));
    }

    private static boolean listedJvm(String pid) {
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (d.id().equals(pid)) {
                return true;
            }
        }
        return false;
    }

    private static File agentJar() {
        try {
            File file = new File(AttachCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return file.isFile() ? file : null;
        } catch (Exception e) {
            return null;
        }
    }
}
