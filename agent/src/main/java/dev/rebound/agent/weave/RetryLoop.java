package dev.rebound.agent.weave;

/**
 * Turns one instance method into a loop: an entry hook before the original body, and an exit hook after
 * it that sees the returned value or the thrown Throwable and may ask to run the body again, after the
 * listed fields are reset to null. The hooks must be public static methods of a class visible to the
 * woven class's loader:
 * <pre>
 *   static void enter(&lt;args&gt;)
 *   static boolean exit(Object self, Object returned, Throwable thrown)   // true: run the body again
 * </pre>
 * The hooks keep their per-call state themselves (the woven code carries no locals across the original
 * body, so the original stack map frames stay valid untouched).
 */
public final class RetryLoop {
    final String methodName;
    final String methodDescriptor;
    final String hookOwner;
    final String enterName;
    final HookArg[] enterArgs;
    final String exitName;
    final String[] resetFields;

    /**
     * @param resetFields pairs of field name and descriptor, flattened: {"inputStream", "Ljava/io/InputStream;", ...}
     */
    public RetryLoop(String methodName, String methodDescriptor, String hookOwner, String enterName,
                     HookArg[] enterArgs, String exitName, String... resetFields) {
        if (resetFields.length % 2 != 0) {
            throw new IllegalArgumentException("resetFields are name/descriptor pairs");
        }
        char ret = methodDescriptor.charAt(methodDescriptor.indexOf(')') + 1);
        if (ret != 'V' && ret != 'L' && ret != '[') {
            throw new IllegalArgumentException("only void or reference returns: " + methodName + methodDescriptor);
        }
        this.methodName = methodName;
        this.methodDescriptor = methodDescriptor;
        this.hookOwner = hookOwner;
        this.enterName = enterName;
        this.enterArgs = new HookArg[enterArgs.length];
        for (int i = 0; i < enterArgs.length; i++) {
            this.enterArgs[i] = enterArgs[i].boundTo(methodDescriptor);
        }
        this.exitName = exitName;
        this.resetFields = resetFields.clone();
    }

    String enterDescriptor() {
        return HookArg.openDescriptor(enterArgs) + ")V";
    }

    static final String EXIT_DESCRIPTOR = "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;)Z";
}
