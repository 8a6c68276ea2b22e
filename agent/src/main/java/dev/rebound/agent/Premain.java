package dev.rebound.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points. Kept free of references to anything on the bootstrap path: this class is
 * loaded by the system class loader before those classes are defined there.
 */
public final class Premain {
    private Premain() {
    }

    public static void premain(String agentArgs, Instrumentation inst) {
        // First: an attach CLI must see this JVM as taken even when the start below fails.
        AgentState.mark(AgentState.PREMAIN);
        AgentStarter.start(inst, agentArgs);
    }

    /** {@code java -jar rebound-agent.jar attach|detach|status <pid>}, see {@link AttachRequests}. */
    public static void agentmain(String agentArgs, Instrumentation inst) {
        AttachRequests.handle(agentArgs, inst);
    }
}
