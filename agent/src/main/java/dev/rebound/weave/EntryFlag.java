package dev.rebound.weave;

/**
 * At the entry of every method with the given name: {@code if (Hook.name(<args>)) this.field = true;}.
 * Used to switch off a client's own hidden retry while rebound is in charge of the call. When the field
 * has been renamed across JDK versions, list every known name: the first one the class declares (as a
 * {@code boolean}) is set, and weaving fails if it declares none.
 */
public final class EntryFlag {
    final String methodName;
    final String hookOwner;
    final String hookName;
    final HookArg[] args;
    final String[] fieldNames;

    /** The hook takes no arguments: {@code static boolean name()}. */
    public EntryFlag(String methodName, String hookOwner, String hookName, String fieldName) {
        this(methodName, hookOwner, hookName, new HookArg[0], fieldName);
    }

    /** The hook takes {@code args}: {@code static boolean name(<args>)}; params are not allowed (overloads differ). */
    public EntryFlag(String methodName, String hookOwner, String hookName, HookArg[] args, String... fieldNames) {
        if (fieldNames.length == 0) {
            throw new IllegalArgumentException("at least one field name");
        }
        for (HookArg arg : args) {
            if (arg.kind == HookArg.PARAM) {
                throw new IllegalArgumentException("an entry flag matches methods by name only: no parameter args");
            }
        }
        this.methodName = methodName;
        this.hookOwner = hookOwner;
        this.hookName = hookName;
        this.args = args.clone();
        this.fieldNames = fieldNames.clone();
    }

    String hookDescriptor() {
        return HookArg.openDescriptor(args) + ")Z";
    }
}
