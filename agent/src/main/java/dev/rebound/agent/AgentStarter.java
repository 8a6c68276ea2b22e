package dev.rebound.agent;

import java.lang.instrument.Instrumentation;

/**
 * Puts the bootstrap-path classes in place, then hands over to {@link Agent} by reflection: nothing that
 * names a bootstrap-path class may be loaded, or even verified, before those classes exist, or the system
 * class loader would define second copies that JDK code never sees.
 */
final class AgentStarter {
    private AgentStarter() {
    }

    /** @param agentArgs what followed {@code =} in {@code -javaagent:rebound-agent.jar=...}, or null */
    static void start(Instrumentation inst, String agentArgs) {
        try {
            AgentJar jar = AgentJar.open();
            try {
                BootstrapInjector.inject(inst, jar);
            } catch (Throwable t) {
                // Still correct, only noisier: HotSpot prints a CDS warning for an appended boot path.
                System.err.println("rebound: cannot define classes on the bootstrap path (" + t
                        + "); appending the agent jar to it instead");
                inst.appendToBootstrapClassLoaderSearch(jar.file());
            }
            // A constructor, not a static method: since JDK 18 a reflective Method.invoke spins method-handle
            // classes at start-up, while a no-argument constructor uses forms the JDK ships pre-generated.
            ((Installer) Class.forName("dev.rebound.agent.Agent").getDeclaredConstructor().newInstance()).install(inst, agentArgs);
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
            System.err.println("rebound: agent not started, the application runs without it: " + cause);
        }
    }

    /** Implemented by {@link Agent}, which this class must not name. */
    interface Installer {
        void install(Instrumentation inst, String agentArgs);
    }
}
