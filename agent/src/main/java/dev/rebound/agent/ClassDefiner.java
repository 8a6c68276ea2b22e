package dev.rebound.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;

/**
 * Defines a class from bytes in a chosen class loader, the bootstrap loader included, through the JDK's
 * internal {@code Unsafe.defineClass}; on Java 9+ {@code Instrumentation.redefineModule} first exports
 * {@code jdk.internal.misc} to the agent. The class loader's own lookup is not involved, so a loader that
 * would find another copy of the class (the agent jar is on the system class path) is not asked.
 */
final class ClassDefiner {
    private final Instrumentation inst;
    private final Object unsafe;
    private final Method defineClass;

    private ClassDefiner(Instrumentation inst, Object unsafe, Method defineClass) {
        this.inst = inst;
        this.unsafe = unsafe;
        this.defineClass = defineClass;
    }

    static ClassDefiner create(Instrumentation inst) throws Exception {
        Class<?> unsafeClass;
        Object unsafe;
        if (BootstrapInjector.Modules.supported()) {
            BootstrapInjector.Modules.exportJavaBasePackage(inst, "jdk.internal.misc",
                    BootstrapInjector.Modules.moduleOf(ClassDefiner.class));
            unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
            unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        } else {
            unsafeClass = Class.forName("sun.misc.Unsafe");
            java.lang.reflect.Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
        }
        Method define = unsafeClass.getMethod("defineClass",
                String.class, byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class);
        return new ClassDefiner(inst, unsafe, define);
    }

    /**
     * @param loader null for the bootstrap loader
     * @return the class; if the loader already had one of that name (an earlier attach of this agent), that one
     */
    Class<?> define(String name, byte[] bytes, ClassLoader loader) throws Exception {
        try {
            return (Class<?>) defineClass.invoke(unsafe, name, bytes, 0, bytes.length, loader, null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LinkageError && !(cause instanceof NoClassDefFoundError)) {
                Class<?> existing = Class.forName(name, false, loader);
                if (existing.getClassLoader() == loader) {
                    return existing;
                }
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    void openJavaBaseTo(Class<?> bootClass) throws Exception {
        if (BootstrapInjector.Modules.supported()) {
            BootstrapInjector.Modules.addReads(inst, BootstrapInjector.Modules.moduleOf(Object.class),
                    BootstrapInjector.Modules.moduleOf(bootClass));
        }
    }
}
