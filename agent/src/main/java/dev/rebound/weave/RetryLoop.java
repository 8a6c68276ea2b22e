package dev.rebound.weave;

import java.util.Arrays;

/**
 * Turns one instance method into a loop: an entry hook before the original body, and an exit hook after
 * it that sees the returned value or the thrown Throwable and may ask to run the body again, after the
 * listed fields are reset to null and the listed reset methods are called. The hooks must be public
 * static methods of a class visible to the woven class's loader:
 * <pre>
 *   static void enter(&lt;args&gt;)
 *   static boolean exit(Object self, Object returned, Throwable thrown[, &lt;exit args&gt;])   // true: run the body again
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
    final HookArg[] exitArgs;
    final String[] resetFields;
    /** Triples of field name, field descriptor and no-argument method name, flattened. */
    final String[] resetCalls;
    /**
     * Before a re-run, pairs the hooks hand over are set on a field's object ({@link #withRerunPairs}):
     * field, its descriptor, the two-String method, the name and value hooks; null when none.
     */
    final String[] rerunPairs;
    final int rerunPairCount;

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
        this.exitArgs = new HookArg[0];
        this.resetFields = resetFields.clone();
        this.resetCalls = new String[0];
        this.rerunPairs = null;
        this.rerunPairCount = 0;
    }

    private RetryLoop(RetryLoop base, HookArg[] exitArgs, String[] resetCalls) {
        this(base, exitArgs, resetCalls, base.rerunPairs, base.rerunPairCount);
    }

    private RetryLoop(RetryLoop base, HookArg[] exitArgs, String[] resetCalls, String[] rerunPairs, int rerunPairCount) {
        this.methodName = base.methodName;
        this.methodDescriptor = base.methodDescriptor;
        this.hookOwner = base.hookOwner;
        this.enterName = base.enterName;
        this.enterArgs = base.enterArgs;
        this.exitName = base.exitName;
        this.resetFields = base.resetFields;
        this.exitArgs = new HookArg[exitArgs.length];
        for (int i = 0; i < exitArgs.length; i++) {
            this.exitArgs[i] = exitArgs[i].boundTo(methodDescriptor);
        }
        this.resetCalls = resetCalls;
        this.rerunPairs = rerunPairs;
        this.rerunPairCount = rerunPairCount;
    }

    /**
     * This loop, before each re-run, setting up to {@code count} name/value pairs that the hook owner's
     * {@code static String nameHook(int)} and {@code valueHook(int)} hand over:
     * {@code for i < count: if (nameHook(i) != null) this.field.method(nameHook(i), valueHook(i));}. For
     * state of the woven class that only its own package may change (the JDK's request header table).
     */
    public RetryLoop withRerunPairs(String field, String fieldDescriptor, String method, String nameHook,
                                    String valueHook, int count) {
        if (fieldDescriptor.charAt(0) != 'L' || !fieldDescriptor.endsWith(";") || count < 1 || count > 5) {
            throw new IllegalArgumentException("an object field and 1 to 5 pairs are needed: " + field + " " + count);
        }
        return new RetryLoop(this, exitArgs, resetCalls,
                new String[] {field, fieldDescriptor, method, nameHook, valueHook}, count);
    }

    /**
     * This loop with {@code args} passed to the exit hook after its usual three, read when the run has
     * ended: what the run left in the object's state, beside what it returned or threw.
     */
    public RetryLoop withExitArgs(HookArg... args) {
        return new RetryLoop(this, args, resetCalls);
    }

    /**
     * This loop with one more reset before a re-run: {@code if (this.field != null) this.field.method();}.
     * For state kept in an object the class reuses rather than in a field that can be nulled.
     */
    public RetryLoop withResetCall(String field, String fieldDescriptor, String method) {
        if (fieldDescriptor.charAt(0) != 'L' || !fieldDescriptor.endsWith(";")) {
            throw new IllegalArgumentException("an object field is needed to call a method on: " + field + " " + fieldDescriptor);
        }
        String[] calls = Arrays.copyOf(resetCalls, resetCalls.length + 3);
        calls[resetCalls.length] = field;
        calls[resetCalls.length + 1] = fieldDescriptor;
        calls[resetCalls.length + 2] = method;
        return new RetryLoop(this, exitArgs, calls);
    }

    String enterDescriptor() {
        return HookArg.openDescriptor(enterArgs) + ")V";
    }

    String exitDescriptor() {
        return EXIT_PREFIX + HookArg.openDescriptor(exitArgs).substring(1) + ")Z";
    }

    private static final String EXIT_PREFIX = "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;";
}
