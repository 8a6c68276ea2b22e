package dev.rebound.config;

import dev.rebound.engine.OuterRetriers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code outer-retriers} list. Plain items replace the default list; as soon as one item starts with
 * {@code +} or {@code -}, the list edits the default instead: {@code +entry} (or a plain item) adds an
 * entry, {@code -text} removes every default entry that starts with {@code text}. Empty: none.
 */
final class OuterRetriersType extends ListType {
    static final OuterRetriersType INSTANCE = new OuterRetriersType();
    static final String DEFAULT_TEXT = Text.join(OuterRetriers.DEFAULT_ENTRIES);

    private OuterRetriersType() {
    }

    /** One item: its sign ({@code +}, {@code -} or none) and entry. */
    private static final class Item {
        final char sign;
        final String entry;

        Item(char sign, String entry) {
            this.sign = sign;
            this.entry = entry;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Item && ((Item) o).sign == sign && ((Item) o).entry.equals(entry);
        }

        @Override
        public int hashCode() {
            return sign * 31 + entry.hashCode();
        }
    }

    @Override
    Object parseItem(String item) {
        char sign = item.charAt(0) == '+' || item.charAt(0) == '-' ? item.charAt(0) : 0;
        String entry = sign == 0 ? item : item.substring(1).trim();
        return OuterRetriers.whyBad(entry) == null ? new Item(sign, entry) : null;
    }

    @Override
    String whyBad(String item) {
        char first = item.charAt(0);
        String entry = first == '+' || first == '-' ? item.substring(1).trim() : item;
        String why = OuterRetriers.whyBad(entry);
        return why == null ? "bad entry" : "entry " + why + "; write a class-name prefix or class#method";
    }

    @Override
    Object build(List<Object> items) {
        boolean edits = false;
        for (Object o : items) {
            edits |= ((Item) o).sign != 0;
        }
        List<String> out = new ArrayList<String>(edits ? OuterRetriers.DEFAULT_ENTRIES : Collections.<String>emptyList());
        for (Object o : items) {
            Item item = (Item) o;
            if (item.sign == '-') {
                for (int i = out.size() - 1; i >= 0; i--) {
                    if (out.get(i).startsWith(item.entry)) {
                        out.remove(i);
                    }
                }
            } else if (!out.contains(item.entry)) {
                out.add(item.entry);
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    String format(Object value) {
        return Text.join((List<?>) value);
    }
}
