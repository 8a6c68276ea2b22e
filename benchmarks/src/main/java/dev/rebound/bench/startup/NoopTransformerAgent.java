package dev.rebound.bench.startup;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * A {@code -javaagent} that registers one retransform-capable transformer changing nothing: the floor of any
 * agent that weaves classes as they load, since the JVM then copies every loading class's bytes for it.
 */
public final class NoopTransformerAgent {
    private NoopTransformerAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        inst.addTransformer(new Noop(), true);
    }

    static final class Noop implements ClassFileTransformer {
        @Override
        public byte[] transform(ClassLoader loader, String name, Class<?> type, ProtectionDomain domain, byte[] bytes) {
            return null;
        }
    }
}
