package dev.rebound.agent;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

import jdk.internal.misc.Unsafe;

/**
 * Java 9+: {@code jdk.internal.misc.Unsafe.defineClass}, named directly. Compiled against the JDK's
 * internal package (with --add-exports, so for Java 11 without --release); made by {@link ClassDefiner#of}
 * by name, and {@link #open} exports the package to the agent before anything here resolves {@code Unsafe}.
 */
final class ModularClassDefiner extends ClassDefiner {
    private Instrumentation inst;
    private Unsafe unsafe;

    @Override
    void open(Instrumentation inst) {
        this.inst = inst;
        inst.redefineModule(Object.class.getModule(), Set.of(),
                Map.of("jdk.internal.misc", Set.of(ModularClassDefiner.class.getModule())),
                Map.of(), Set.of(), Map.of());
        unsafe = Unsafe.getUnsafe();
    }

    @Override
    Class<?> defineIn(String name, byte[] bytes, ClassLoader loader) {
        return unsafe.defineClass(name, bytes, 0, bytes.length, loader, null);
    }

    @Override
    void addReads(Class<?> reader, Class<?> read) {
        if (!reader.getModule().canRead(read.getModule())) {
            inst.redefineModule(reader.getModule(), Set.of(read.getModule()), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }

    @Override
    boolean hasModule(String name) {
        return ModuleLayer.boot().findModule(name).isPresent();
    }
}
