package dev.rebound.agent.weave;

/** Where one argument of an entry hook comes from, read inside the woven method. */
public final class HookArg {
    static final int SELF = 0;
    static final int FIELD = 1;
    static final int CALL = 2;

    final int kind;
    final String name;
    /** Field descriptor for FIELD, method descriptor for CALL. */
    final String descriptor;

    private HookArg(int kind, String name, String descriptor) {
        this.kind = kind;
        this.name = name;
        this.descriptor = descriptor;
    }

    /** {@code this}, passed as Object. */
    public static HookArg self() {
        return new HookArg(SELF, null, null);
    }

    /** A field of the woven class; reference fields are passed as Object, so the hook needs no access to their type. */
    public static HookArg field(String name, String descriptor) {
        return new HookArg(FIELD, name, descriptor);
    }

    /** The result of a no-argument instance method of the woven class (it may be private). */
    public static HookArg call(String name, String methodDescriptor) {
        if (!methodDescriptor.startsWith("()")) {
            throw new IllegalArgumentException("only no-argument methods: " + name + methodDescriptor);
        }
        return new HookArg(CALL, name, methodDescriptor);
    }

    /** The type as the hook method declares it: primitives as they are, references as Object. */
    String hookType() {
        String type = kind == SELF ? "Ljava/lang/Object;"
                : kind == FIELD ? descriptor : descriptor.substring(2);
        char c = type.charAt(0);
        return c == 'L' || c == '[' ? "Ljava/lang/Object;" : type;
    }
}
