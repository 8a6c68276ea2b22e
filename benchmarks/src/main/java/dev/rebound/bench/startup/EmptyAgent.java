package dev.rebound.bench.startup;

import java.lang.instrument.Instrumentation;

/** A {@code -javaagent} that does nothing: what the JVM itself charges for having an agent at all. */
public final class EmptyAgent {
    private EmptyAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        // Nothing: the baseline for the JVM's own cost of an agent.
    }
}
