package dev.rebound.weave;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a {@link TypeWeave} to class bytes with plain ASM: no type pool, no class loading, so the
 * cost is one parse and one write of the target class. Methods and fields the spec names but the class
 * lacks are reported, not guessed at: JDK internals differ between versions.
 */
public final class Weaver {
    private Weaver() {
    }

    /** The woven bytes, or throws {@link WeaveException} when a named method or field is missing or unfit. */
    public static byte[] weave(byte[] classFile, final TypeWeave spec) {
        ClassReader reader = new ClassReader(classFile);
        final Map<String, Integer> maxLocals = maxLocalsOfRetryLoops(reader, spec);
        for (RetryLoop loop : spec.retryLoops) {
            if (!maxLocals.containsKey(loop.methodName + loop.methodDescriptor)) {
                throw new WeaveException(spec.className() + " has no method " + loop.methodName + loop.methodDescriptor);
            }
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        final int[] flagged = new int[1];
        final Set<String> filtered = new HashSet<String>();
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String owner;
            private final Set<String> booleanFields = new HashSet<String>();
            /** Instance fields as {@code name descriptor}. */
            private final Set<String> fields = new HashSet<String>();

            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                owner = name;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                // ClassReader reports every field before the first method.
                if ((access & Opcodes.ACC_STATIC) == 0) {
                    fields.add(name + " " + descriptor);
                    if ("Z".equals(descriptor)) {
                        booleanFields.add(name);
                    }
                }
                return super.visitField(access, name, descriptor, signature, value);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return mv;
                }
                RetryLoop loop = spec.retryLoopFor(name, descriptor);
                if (loop != null) {
                    requireResetFields(loop);
                    mv = new RetryLoopAdapter(mv, owner, loop, maxLocals.get(name + descriptor));
                }
                List<ArgumentFilter> argumentFilters = spec.argumentFiltersFor(name, descriptor);
                ReturnFilter returnFilter = spec.returnFilterFor(name, descriptor);
                if (!argumentFilters.isEmpty() || returnFilter != null) {
                    filtered.add(name + descriptor);
                    mv = new FilterAdapter(mv, owner, descriptor, argumentFilters, returnFilter);
                }
                EntryFlag flag = spec.entryFlagFor(name);
                if (flag != null) {
                    flagged[0]++;
                    mv = new EntryFlagAdapter(mv, owner, descriptor, flag, fieldFor(flag));
                }
                return mv;
            }

            /**
             * A re-run's resets are reached only after a failed attempt: a field the class lacks would fail
             * the app's call there, so it fails the weave instead.
             */
            private void requireResetFields(RetryLoop loop) {
                for (int i = 0; i < loop.resetFields.length; i += 2) {
                    requireField(loop.resetFields[i], loop.resetFields[i + 1]);
                }
                for (int i = 0; i < loop.resetCalls.length; i += 3) {
                    requireField(loop.resetCalls[i], loop.resetCalls[i + 1]);
                }
                if (loop.rerunPairs != null) {
                    requireField(loop.rerunPairs[0], loop.rerunPairs[1]);
                }
            }

            private void requireField(String name, String descriptor) {
                if (!fields.contains(name + " " + descriptor)) {
                    throw new WeaveException(spec.className() + " has no field " + name + " " + descriptor);
                }
            }

            private String fieldFor(EntryFlag flag) {
                for (String candidate : flag.fieldNames) {
                    if (booleanFields.contains(candidate)) {
                        return candidate;
                    }
                }
                throw new WeaveException(spec.className() + " has no boolean field named any of "
                        + java.util.Arrays.toString(flag.fieldNames));
            }
        }, 0);
        if (!spec.entryFlags.isEmpty() && flagged[0] == 0) {
            throw new WeaveException(spec.className() + " has none of the methods to flag");
        }
        requireAllFiltered(spec, filtered);
        return writer.toByteArray();
    }

    private static void requireAllFiltered(TypeWeave spec, Set<String> filtered) {
        for (ArgumentFilter filter : spec.argumentFilters) {
            if (!filtered.contains(filter.methodName + filter.methodDescriptor)) {
                throw new WeaveException(spec.className() + " has no method " + filter.methodName + filter.methodDescriptor);
            }
        }
        for (ReturnFilter filter : spec.returnFilters) {
            if (!filtered.contains(filter.methodName + filter.methodDescriptor)) {
                throw new WeaveException(spec.className() + " has no method " + filter.methodName + filter.methodDescriptor);
            }
        }
    }

    /**
     * The {@code max_locals} of each method a retry loop wraps, read straight from the class file's method
     * table: no visitor pass over the whole class (on a cold JVM, ASM's pass over {@code HttpURLConnection}'s
     * ~150 method headers cost a few milliseconds of the app's first call). The names read are cached in the
     * reader, where the weaving pass finds them again.
     */
    private static Map<String, Integer> maxLocalsOfRetryLoops(ClassReader reader, TypeWeave spec) {
        Map<String, Integer> result = new HashMap<String, Integer>();
        if (spec.retryLoops.isEmpty()) {
            return result;
        }
        char[] chars = new char[reader.getMaxStringLength()];
        int p = reader.header + 6; // access_flags, this_class, super_class
        p += 2 + 2 * reader.readUnsignedShort(p); // interfaces
        int fields = reader.readUnsignedShort(p);
        p += 2;
        for (int i = 0; i < fields; i++) {
            p = skipAttributes(reader, p + 6);
        }
        int methods = reader.readUnsignedShort(p);
        p += 2;
        for (int i = 0; i < methods; i++) {
            int access = reader.readUnsignedShort(p);
            String name = reader.readUTF8(p + 2, chars);
            String descriptor = reader.readUTF8(p + 4, chars);
            boolean wanted = (access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0
                    && spec.retryLoopFor(name, descriptor) != null;
            int attributes = reader.readUnsignedShort(p + 6);
            p += 8;
            for (int j = 0; j < attributes; j++) {
                if (wanted && "Code".equals(reader.readUTF8(p, chars))) {
                    result.put(name + descriptor, reader.readUnsignedShort(p + 8)); // after max_stack
                }
                p += 6 + reader.readInt(p + 2);
            }
        }
        return result;
    }

    /** @param p the offset of an attributes_count; returns the offset just past those attributes */
    private static int skipAttributes(ClassReader reader, int p) {
        int attributes = reader.readUnsignedShort(p);
        p += 2;
        for (int j = 0; j < attributes; j++) {
            p += 6 + reader.readInt(p + 2);
        }
        return p;
    }
}
