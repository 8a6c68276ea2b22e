package dev.rebound.agent.weave;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Everything to weave into one class, named by its internal name ({@code a/b/C}). */
public final class TypeWeave {
    final String internalName;
    final List<RetryLoop> retryLoops;
    final List<EntryFlag> entryFlags;

    private TypeWeave(String internalName, List<RetryLoop> retryLoops, List<EntryFlag> entryFlags) {
        this.internalName = internalName;
        this.retryLoops = retryLoops;
        this.entryFlags = entryFlags;
    }

    public static TypeWeave of(String internalName, List<RetryLoop> retryLoops, List<EntryFlag> entryFlags) {
        return new TypeWeave(internalName,
                Collections.unmodifiableList(new ArrayList<RetryLoop>(retryLoops)),
                Collections.unmodifiableList(new ArrayList<EntryFlag>(entryFlags)));
    }

    public String internalName() {
        return internalName;
    }

    public String className() {
        return internalName.replace('/', '.');
    }

    /** The classes whose static hooks the woven code calls, as {@code a.b.C} names. */
    public List<String> hookClasses() {
        List<String> names = new ArrayList<String>();
        for (RetryLoop loop : retryLoops) {
            String name = loop.hookOwner.replace('/', '.');
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        for (EntryFlag flag : entryFlags) {
            String name = flag.hookOwner.replace('/', '.');
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    RetryLoop retryLoopFor(String name, String descriptor) {
        for (RetryLoop loop : retryLoops) {
            if (loop.methodName.equals(name) && loop.methodDescriptor.equals(descriptor)) {
                return loop;
            }
        }
        return null;
    }

    EntryFlag entryFlagFor(String name) {
        for (EntryFlag flag : entryFlags) {
            if (flag.methodName.equals(name)) {
                return flag;
            }
        }
        return null;
    }
}
