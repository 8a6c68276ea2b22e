package dev.rebound.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated list. A bad item is dropped and reported; the remaining items are used, unless none
 * remain, in which case the default applies (a list of only typos almost never means "nothing").
 */
abstract class ListType extends ValueType {

    /**
     * Parses one trimmed, non-empty item.
     *
     * @return the parsed item, or null when it is bad (then {@link #whyBad} explains)
     */
    abstract Object parseItem(String item);

    /** Why {@link #parseItem} refused an item. */
    abstract String whyBad(String item);

    /** Builds the value from the good items, in order, duplicates removed. */
    abstract Object build(List<Object> items);

    @Override
    final Object parse(String text) throws BadValue {
        List<Object> good = new ArrayList<Object>();
        StringBuilder bad = null;
        for (String item : Text.items(text)) {
            Object parsed = parseItem(item);
            if (parsed == null) {
                bad = bad == null ? new StringBuilder() : bad.append(", ");
                bad.append(Text.quoted(item)).append(" (").append(whyBad(item)).append(')');
            } else if (!good.contains(parsed)) {
                good.add(parsed);
            }
        }
        if (bad == null) {
            return build(good);
        }
        throw new BadValue(bad.toString(), good.isEmpty() ? null : build(good), false);
    }

    @Override
    final boolean allowsEmpty() {
        return true;
    }
}
