package dev.rebound.agent;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;

/**
 * {@code attach}, {@code detach} and {@code status}, dispatched from {@link Cli}. They run in
 * {@code AttachCli}, a Java 11 class that uses the JDK's Attach API (module {@code jdk.attach}); it is
 * reached by reflection so that the rest of the CLI and the agent stay Java 8 classes that never name it.
 */
final class AttachCommand {
    private AttachCommand() {
    }

    static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals(AttachRequest.ATTACH) || args[0].equals(AttachRequest.DETACH)
                || args[0].equals(AttachRequest.STATUS));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return (Integer) Class.forName("dev.rebound.agent.AttachCli")
                    .getMethod("run", String[].class, PrintStream.class, PrintStream.class)
                    .invoke(null, args, out, err);
        } catch (InvocationTargetException e) {
            err.println("rebound: " + args[0] + " failed: " + e.getCause());
            return 1;
        } catch (ReflectiveOperationException | LinkageError e) {
            err.println("rebound: " + args[0] + " needs a JDK 11 or newer with the Attach API (module jdk.attach)"
                    + " to run this command: " + e);
            return 1;
        }
    }
}
