package dev.rebound.agent.weave;

import net.bytebuddy.jar.asm.Type;

/** Where one argument of an entry hook comes from, read inside the woven method. */
public final class HookArg {
    static final int SELF = 0;
    static final int FIELD = 1;
    static final int CALL = 2;
    static final int PARAM = 3;
    static final int OWNER_CLASS = 4;

    final int kind;
    final String name;
    /** Field descriptor for FIELD, method descriptor for CALL, parameter type for a bound PARAM. */
    final String descriptor;
    /** PARAM: the parameter's index among the method's parameters, then (once bound) its local slot. */
    final int index;
    final int slot;

    private HookArg(int kind, String name, String descriptor, int index, int slot) {
        this.kind = kind;
        this.name = name;
        this.descriptor = descriptor;
        this.index = index;
        this.slot = slot;
    }

    /** {@code this}, passed as Object. */
    public static HookArg self() {
        return new HookArg(SELF, null, null, -1, 0);
    }

    /** A field of the woven class; reference fields are passed as Object, so the hook needs no access to their type. */
    public static HookArg field(String name, String descriptor) {
        return new HookArg(FIELD, name, descriptor, -1, 0);
    }

    /** The result of a no-argument instance method of the woven class (it may be private). */
    public static HookArg call(String name, String methodDescriptor) {
        if (!methodDescriptor.startsWith("()")) {
            throw new IllegalArgumentException("only no-argument methods: " + name + methodDescriptor);
        }
        return new HookArg(CALL, name, methodDescriptor, -1, 0);
    }

    /** The woven method's parameter number {@code index} (from 0), as it is at the entry of each run. */
    public static HookArg param(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("parameter index must be >= 0: " + index);
        }
        return new HookArg(PARAM, null, null, index, -1);
    }

    /**
     * The woven class itself ({@code Foo.class}), passed as Object: lets a hook find what belongs to the
     * class loader that defined it, whichever subclass {@code this} is.
     */
    public static HookArg ownerClass() {
        return new HookArg(OWNER_CLASS, null, null, -1, 0);
    }

    /** A PARAM resolved against the woven method's descriptor; other kinds are returned as they are. */
    HookArg boundTo(String methodDescriptor) {
        if (kind != PARAM) {
            return this;
        }
        Type[] params = Type.getArgumentTypes(methodDescriptor);
        if (index >= params.length) {
            throw new IllegalArgumentException("no parameter " + index + " in " + methodDescriptor);
        }
        int at = 1;
        for (int i = 0; i < index; i++) {
            at += params[i].getSize();
        }
        return new HookArg(PARAM, null, params[index].getDescriptor(), index, at);
    }

    /** The type as the hook method declares it: primitives as they are, references as Object. */
    String hookType() {
        String type;
        switch (kind) {
            case FIELD:
            case PARAM:
                type = descriptor;
                break;
            case CALL:
                type = descriptor.substring(2);
                break;
            default:
                type = "Ljava/lang/Object;";
        }
        char c = type.charAt(0);
        return c == 'L' || c == '[' ? "Ljava/lang/Object;" : type;
    }
}
