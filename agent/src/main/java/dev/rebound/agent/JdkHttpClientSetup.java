package dev.rebound.agent;

import dev.rebound.client.jdk.JdkClientInstrumentation;
import dev.rebound.engine.RetryEngine;

import java.lang.instrument.Instrumentation;

/**
 * Puts the JDK {@code HttpClient} hooks in place: defined in the platform class loader (see
 * {@link PlatformInjector}) and handed the engine by reflection, since this class is compiled for
 * Java 8 and cannot name them. Done when the client's first class is woven, not at start-up.
 */
final class JdkHttpClientSetup implements Preparation {
    private final Instrumentation inst;
    private final RetryEngine engine;

    private JdkHttpClientSetup(Instrumentation inst, RetryEngine engine) {
        this.inst = inst;
        this.engine = engine;
    }

    /** False on Java 8 and on a runtime image without {@code java.net.http}: nothing to instrument there. */
    static boolean available(Instrumentation inst) {
        try {
            return ClassDefiner.of(inst).hasModule(JdkClientInstrumentation.MODULE);
        } catch (Exception e) {
            return false;
        }
    }

    static Preparation hooks(Instrumentation inst, RetryEngine engine) {
        return new JdkHttpClientSetup(inst, engine);
    }

    @Override
    public void prepare() throws Exception {
        ClassLoader platform = PlatformInjector.inject(inst, "dev/rebound/client/jdk/", JdkClientInstrumentation.API_CLASS);
        if (platform == null) {
            throw new IllegalStateException("no " + JdkClientInstrumentation.API_CLASS + " in the platform class loader");
        }
        Class.forName(JdkClientInstrumentation.HOOKS_CLASS, true, platform)
                .getMethod("install", RetryEngine.class).invoke(null, engine);
    }
}
