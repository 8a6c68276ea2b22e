package dev.rebound.agent;

import java.lang.instrument.Instrumentation;

/**
 * Defines a class from bytes in a chosen class loader, the bootstrap loader included, through the JDK's
 * internal {@code Unsafe.defineClass}. The class loader's own lookup is not involved, so a loader that
 * would find another copy of the class (the agent jar is on the system class path) is not asked.
 *
 * <p>One instance per JVM: on Java 9+ it is {@link #MODULAR}, compiled against {@code jdk.internal.misc}
 * and calling it directly. Rejected: calling it by reflection from this Java 8 code, as the first version
 * did. Since JDK 18 every reflective call runs on method handles, and the ~70 calls at start-up made the
 * JVM generate some 45 classes: about 45 ms of a JDK 25 start.
 */
abstract class ClassDefiner {
    private static final String MODULAR = "dev.rebound.agent.ModularClassDefiner";
    private static ClassDefiner shared;

    /** The definer, made on first use; on Java 9+ that exports {@code jdk.internal.misc} to the agent. */
    static synchronized ClassDefiner of(Instrumentation inst) throws Exception {
        if (shared == null) {
            ClassDefiner definer = System.getProperty("java.specification.version", "1.8").startsWith("1.")
                    ? Java8ClassDefiner.create()
                    : (ClassDefiner) Class.forName(MODULAR).getDeclaredConstructor().newInstance();
            definer.open(inst);
            shared = definer;
        }
        return shared;
    }

    /** Gains the access the definer needs; called once, before any other method. */
    abstract void open(Instrumentation inst) throws Exception;

    /** Defines the class; a LinkageError when the loader has one of that name or a supertype is missing. */
    abstract Class<?> defineIn(String name, byte[] bytes, ClassLoader loader) throws Exception;

    /** Makes the module of {@code reader} read the module of {@code read}; nothing to do before Java 9. */
    abstract void addReads(Class<?> reader, Class<?> read) throws Exception;

    /**
     * Does the JVM's boot layer have this module? Answered from the module graph, without loading a class:
     * loading one of a platform module's classes at start-up costs milliseconds (its image reader).
     */
    abstract boolean hasModule(String name);

    /**
     * @param loader null for the bootstrap loader
     * @return the class; if the loader already had one of that name (an earlier attach of this agent), that one
     */
    final Class<?> define(String name, byte[] bytes, ClassLoader loader) throws Exception {
        try {
            return defineIn(name, bytes, loader);
        } catch (LinkageError e) {
            if (!(e instanceof NoClassDefFoundError)) {
                Class<?> existing = Class.forName(name, false, loader);
                if (existing.getClassLoader() == loader) {
                    return existing;
                }
            }
            throw e;
        }
    }
}
