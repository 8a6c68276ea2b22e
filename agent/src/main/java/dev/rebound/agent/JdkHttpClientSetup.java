package dev.rebound.agent;

import dev.rebound.client.jdk.JdkClientInstrumentation;
import dev.rebound.engine.RetryEngine;
import dev.rebound.log.Log;

import java.lang.instrument.Instrumentation;

/**
 * Puts the JDK {@code HttpClient} hooks in place: defined in the platform class loader (see
 * {@link PlatformInjector}) and handed the engine by reflection, since this class is compiled for
 * Java 8 and cannot name them.
 */
final class JdkHttpClientSetup {
    private JdkHttpClientSetup() {
    }

    /** False when this JVM has no {@code java.net.http} (Java 8, trimmed runtime) or the hooks cannot be defined. */
    static boolean install(Instrumentation inst, RetryEngine engine) {
        try {
            ClassLoader platform = PlatformInjector.inject(inst, "dev/rebound/client/jdk/", JdkClientInstrumentation.API_CLASS);
            if (platform == null) {
                return false;
            }
            Class.forName(JdkClientInstrumentation.HOOKS_CLASS, true, platform)
                    .getMethod("install", RetryEngine.class).invoke(null, engine);
            return true;
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
            Log.error("rebound: " + JdkClientInstrumentation.NAME + " not active: cannot install its hooks (" + cause + ")");
            return false;
        }
    }
}
