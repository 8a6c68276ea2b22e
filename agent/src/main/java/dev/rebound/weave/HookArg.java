package dev.rebound.weave;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/** Where one argument of a hook comes from, read inside the woven method. */
public final class HookArg {
    static final int SELF = 0;
    static final int FIELD = 1;
    static final int CALL = 2;
    static final int PARAM = 3;
    static final int OWNER_CLASS = 4;

    final int kind;
    final String name;
    /** Field descriptor for FIELD, method descriptor for CALL, parameter descriptor for PARAM (null until bound). */
    final String descriptor;
    /** Zero-based parameter index for PARAM ({@code this} not counted). */
    final int index;

    private HookArg(int kind, String name, String descriptor, int index) {
        this.kind = kind;
        this.name = name;
        this.descriptor = descriptor;
        this.index = index;
    }

    /** {@code this}, passed as Object. */
    public static HookArg self() {
        return new HookArg(SELF, null, null, -1);
    }

    /** A field of the woven class; reference fields are passed as Object, so the hook needs no access to their type. */
    public static HookArg field(String name, String descriptor) {
        return new HookArg(FIELD, name, descriptor, -1);
    }

    /** The result of a no-argument instance method of the woven class (it may be private). */
    public static HookArg call(String name, String methodDescriptor) {
        if (!methodDescriptor.startsWith("()")) {
            throw new IllegalArgumentException("only no-argument methods: " + name + methodDescriptor);
        }
        return new HookArg(CALL, name, methodDescriptor, -1);
    }

    /**
     * The woven method's parameter {@code index} (zero-based, {@code this} not counted) as it is when the hook
     * runs; {@code descriptor} is its declared type, checked against the method when weaving.
     */
    public static HookArg param(int index, String descriptor) {
        if (index < 0) {
            throw new IllegalArgumentException("parameter index must be >= 0: " + index);
        }
        Type.getType(descriptor); // rejects malformed descriptors now rather than at weave time
        return new HookArg(PARAM, null, descriptor, index);
    }

    /** The woven method's parameter {@code index} (zero-based), its type taken from the method when bound. */
    public static HookArg param(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("parameter index must be >= 0: " + index);
        }
        return new HookArg(PARAM, null, null, index);
    }

    /**
     * The woven class itself ({@code Foo.class}), passed as Object: lets a hook find what belongs to the
     * class loader that defined it, whichever subclass {@code this} is.
     */
    public static HookArg ownerClass() {
        return new HookArg(OWNER_CLASS, null, null, -1);
    }

    /** A PARAM without a declared type gets the woven method's; everything else is returned as it is. */
    HookArg boundTo(String methodDescriptor) {
        if (kind != PARAM || descriptor != null) {
            return this;
        }
        Type[] params = Type.getArgumentTypes(methodDescriptor);
        if (index >= params.length) {
            throw new IllegalArgumentException("no parameter " + index + " in " + methodDescriptor);
        }
        return new HookArg(PARAM, null, params[index].getDescriptor(), index);
    }

    /** The type as the hook method declares it: primitives as they are, references as Object. */
    String hookType() {
        String type = kind == SELF || kind == OWNER_CLASS ? "Ljava/lang/Object;"
                : kind == CALL ? descriptor.substring(2) : descriptor;
        char c = type.charAt(0);
        return c == 'L' || c == '[' ? "Ljava/lang/Object;" : type;
    }

    /** Stack slots the value takes (1, or 2 for long and double). */
    int stackSize() {
        return Type.getType(hookType()).getSize();
    }

    /** Emits the code that pushes this argument inside a method of {@code owner} with {@code methodDescriptor}. */
    void load(MethodVisitor mv, String owner, String methodDescriptor) {
        if (kind == PARAM) {
            Type[] params = Type.getArgumentTypes(methodDescriptor);
            if (index >= params.length || !params[index].getDescriptor().equals(descriptor)) {
                throw new WeaveException("parameter " + index + " of " + methodDescriptor + " is not " + descriptor);
            }
            int slot = 1;
            for (int i = 0; i < index; i++) {
                slot += params[i].getSize();
            }
            mv.visitVarInsn(params[index].getOpcode(Opcodes.ILOAD), slot);
            return;
        }
        if (kind == OWNER_CLASS) {
            mv.visitLdcInsn(Type.getObjectType(owner));
            return;
        }
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        if (kind == FIELD) {
            mv.visitFieldInsn(Opcodes.GETFIELD, owner, name, descriptor);
        } else if (kind == CALL) {
            // INVOKESPECIAL reaches private methods on every class file version; public ones are not overridden here.
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, name, descriptor, false);
        }
    }

    /** {@code (<hook types of args>} without the closing parenthesis. */
    static String openDescriptor(HookArg[] args) {
        StringBuilder sb = new StringBuilder("(");
        for (HookArg arg : args) {
            sb.append(arg.hookType());
        }
        return sb.toString();
    }

    static int stackSize(HookArg[] args) {
        int size = 0;
        for (HookArg arg : args) {
            size += arg.stackSize();
        }
        return size;
    }
}
