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
        AgentStarter.start(inst, agentArgs);
    }

    public static void agentmain(String agentArgs, Instrumentation inst) {
        AgentStarter.start(inst, agentArgs);
    }
}
