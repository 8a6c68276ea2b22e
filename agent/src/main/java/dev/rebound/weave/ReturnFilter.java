package dev.rebound.weave;

import net.bytebuddy.jar.asm.Type;

/**
 * At every return of one instance method, hands the value about to be returned to a hook and returns
 * what the hook gives back instead:
 * <pre>
 *   return (ReturnType) Hook.name(value, &lt;args&gt;);   // static Object name(Object returned, &lt;args&gt;)
 * </pre>
 * The value stays on the operand stack while the arguments are pushed, so no local is added and no
 * branch target either: the original stack map frames stay valid as they are. Exceptions thrown by the
 * original body pass by untouched.
 */
public final class ReturnFilter {
    final String methodName;
    final String methodDescriptor;
    final String hookOwner;
    final String hookName;
    final HookArg[] args;

    public ReturnFilter(String methodName, String methodDescriptor, String hookOwner, String hookName,
                        HookArg... args) {
        int sort = Type.getReturnType(methodDescriptor).getSort();
        if (sort != Type.OBJECT && sort != Type.ARRAY) {
            throw new IllegalArgumentException("only reference returns: " + methodName + methodDescriptor);
        }
        this.methodName = methodName;
        this.methodDescriptor = methodDescriptor;
        this.hookOwner = hookOwner;
        this.hookName = hookName;
        this.args = args.clone();
    }

    String hookDescriptor() {
        return "(Ljava/lang/Object;" + HookArg.openDescriptor(args).substring(1) + ")Ljava/lang/Object;";
    }

    String returnInternalName() {
        return Type.getReturnType(methodDescriptor).getInternalName();
    }
}
