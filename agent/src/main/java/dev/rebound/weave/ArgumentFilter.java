package dev.rebound.weave;

import net.bytebuddy.jar.asm.Type;

/**
 * At the entry of one instance method, replaces a reference parameter by what a hook returns:
 * <pre>
 *   param = (ParamType) Hook.name(&lt;args&gt;);     // static Object name(&lt;args&gt;)
 * </pre>
 * The hook usually receives the parameter itself among its arguments and returns it, or a stand-in of the
 * same type. Straight-line code before the original body: no frame changes, no locals added.
 */
public final class ArgumentFilter {
    final String methodName;
    final String methodDescriptor;
    final int paramIndex;
    final String hookOwner;
    final String hookName;
    final HookArg[] args;

    public ArgumentFilter(String methodName, String methodDescriptor, int paramIndex,
                          String hookOwner, String hookName, HookArg... args) {
        Type[] params = Type.getArgumentTypes(methodDescriptor);
        if (paramIndex < 0 || paramIndex >= params.length) {
            throw new IllegalArgumentException("no parameter " + paramIndex + " in " + methodName + methodDescriptor);
        }
        int sort = params[paramIndex].getSort();
        if (sort != Type.OBJECT && sort != Type.ARRAY) {
            throw new IllegalArgumentException("only reference parameters: " + methodName + methodDescriptor);
        }
        this.methodName = methodName;
        this.methodDescriptor = methodDescriptor;
        this.paramIndex = paramIndex;
        this.hookOwner = hookOwner;
        this.hookName = hookName;
        this.args = args.clone();
    }

    String hookDescriptor() {
        return HookArg.openDescriptor(args) + ")Ljava/lang/Object;";
    }

    Type paramType() {
        return Type.getArgumentTypes(methodDescriptor)[paramIndex];
    }

    int paramSlot() {
        int slot = 1;
        Type[] params = Type.getArgumentTypes(methodDescriptor);
        for (int i = 0; i < paramIndex; i++) {
            slot += params[i].getSize();
        }
        return slot;
    }
}
