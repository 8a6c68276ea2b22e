package dev.rebound.agent.weave;

/**
 * At the entry of every method with the given name: {@code if (Hook.name()) this.field = true;}.
 * Used to switch off a client's own hidden retry while rebound is in charge of the call.
 */
public final class EntryFlag {
    final String methodName;
    final String hookOwner;
    final String hookName;
    final String fieldName;

    public EntryFlag(String methodName, String hookOwner, String hookName, String fieldName) {
        this.methodName = methodName;
        this.hookOwner = hookOwner;
        this.hookName = hookName;
        this.fieldName = fieldName;
    }
}
