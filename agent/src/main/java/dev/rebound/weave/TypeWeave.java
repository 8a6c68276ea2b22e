package dev.rebound.weave;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Everything to weave into one class, named by its internal name ({@code a/b/C}). */
public final class TypeWeave {
    final String internalName;
    final List<RetryLoop> retryLoops;
    final List<EntryFlag> entryFlags;
    final List<ArgumentFilter> argumentFilters;
    final List<ReturnFilter> returnFilters;

    private TypeWeave(Builder b) {
        this.internalName = b.internalName;
        this.retryLoops = Collections.unmodifiableList(new ArrayList<RetryLoop>(b.retryLoops));
        this.entryFlags = Collections.unmodifiableList(new ArrayList<EntryFlag>(b.entryFlags));
        this.argumentFilters = Collections.unmodifiableList(new ArrayList<ArgumentFilter>(b.argumentFilters));
        this.returnFilters = Collections.unmodifiableList(new ArrayList<ReturnFilter>(b.returnFilters));
    }

    public static TypeWeave of(String internalName, List<RetryLoop> retryLoops, List<EntryFlag> entryFlags) {
        Builder b = builder(internalName);
        for (RetryLoop loop : retryLoops) {
            b.retryLoop(loop);
        }
        for (EntryFlag flag : entryFlags) {
            b.entryFlag(flag);
        }
        return b.build();
    }

    public static Builder builder(String internalName) {
        return new Builder(internalName);
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

    List<ArgumentFilter> argumentFiltersFor(String name, String descriptor) {
        List<ArgumentFilter> result = Collections.emptyList();
        for (ArgumentFilter filter : argumentFilters) {
            if (filter.methodName.equals(name) && filter.methodDescriptor.equals(descriptor)) {
                if (result.isEmpty()) {
                    result = new ArrayList<ArgumentFilter>();
                }
                result.add(filter);
            }
        }
        return result;
    }

    ReturnFilter returnFilterFor(String name, String descriptor) {
        for (ReturnFilter filter : returnFilters) {
            if (filter.methodName.equals(name) && filter.methodDescriptor.equals(descriptor)) {
                return filter;
            }
        }
        return null;
    }

    /** Collects the weaves of one class; each method may have at most one retry loop and one return filter. */
    public static final class Builder {
        private final String internalName;
        private final List<RetryLoop> retryLoops = new ArrayList<RetryLoop>();
        private final List<EntryFlag> entryFlags = new ArrayList<EntryFlag>();
        private final List<ArgumentFilter> argumentFilters = new ArrayList<ArgumentFilter>();
        private final List<ReturnFilter> returnFilters = new ArrayList<ReturnFilter>();

        private Builder(String internalName) {
            if (internalName == null || internalName.isEmpty() || internalName.indexOf('.') >= 0) {
                throw new IllegalArgumentException("internal class name expected (a/b/C): " + internalName);
            }
            this.internalName = internalName;
        }

        public Builder retryLoop(RetryLoop loop) {
            for (RetryLoop other : retryLoops) {
                if (other.methodName.equals(loop.methodName) && other.methodDescriptor.equals(loop.methodDescriptor)) {
                    throw new IllegalArgumentException("two retry loops for " + loop.methodName + loop.methodDescriptor);
                }
            }
            retryLoops.add(loop);
            return this;
        }

        public Builder entryFlag(EntryFlag flag) {
            entryFlags.add(flag);
            return this;
        }

        public Builder argumentFilter(ArgumentFilter filter) {
            argumentFilters.add(filter);
            return this;
        }

        public Builder returnFilter(ReturnFilter filter) {
            for (ReturnFilter other : returnFilters) {
                if (other.methodName.equals(filter.methodName) && other.methodDescriptor.equals(filter.methodDescriptor)) {
                    throw new IllegalArgumentException("two return filters for " + filter.methodName + filter.methodDescriptor);
                }
            }
            returnFilters.add(filter);
            return this;
        }

        public TypeWeave build() {
            return new TypeWeave(this);
        }
    }
}
