package dev.rebound.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;

/** {@code sun.misc.Unsafe.defineClass} by reflection: Java 8 has no modules and no other way in. */
final class Java8ClassDefiner extends ClassDefiner {
    /**
     * Typed as the base class, so that verifying {@link ClassDefiner#of} on Java 9+ never loads this class
     * (a {@code new} there would make the verifier load it to check its superclass).
     */
    static ClassDefiner create() {
        return new Java8ClassDefiner();
    }

    private Object unsafe;
    private Method defineClass;

    @Override
    void open(Instrumentation inst) throws Exception {
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        Field field = unsafeClass.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        unsafe = field.get(null);
        defineClass = unsafeClass.getMethod("defineClass",
                String.class, byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class);
    }

    @Override
    Class<?> defineIn(String name, byte[] bytes, ClassLoader loader) throws Exception {
        try {
            return (Class<?>) defineClass.invoke(unsafe, name, bytes, 0, bytes.length, loader, null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            throw e;
        }
    }

    @Override
    void addReads(Class<?> reader, Class<?> read) {
        // no modules before Java 9: every class reads every other
    }

    @Override
    boolean hasModule(String name) {
        return false;
    }
}
