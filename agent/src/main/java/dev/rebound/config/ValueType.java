package dev.rebound.config;

/** How one kind of setting is parsed from text and shown again. Stateless and shared. */
abstract class ValueType {

    /**
     * Parses a trimmed value.
     *
     * @throws BadValue when the value is unusable or had to be adjusted
     */
    abstract Object parse(String text) throws BadValue;

    /** Whether an empty value means something (e.g. "off"); otherwise it is rejected before parsing. */
    boolean allowsEmpty() {
        return false;
    }

    /** The canonical text of a parsed value, as listed in the effective configuration. */
    String format(Object value) {
        return String.valueOf(value);
    }

    /**
     * A whole decimal number with an optional sign. Values beyond the long range saturate, so that a
     * range check reports them as too large rather than as junk.
     */
    static long parseWhole(String text) throws BadValue {
        int i = 0;
        boolean negative = false;
        if (text.length() > 1 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        if (i == text.length()) {
            throw BadValue.rejected(text, "not a whole number");
        }
        long value = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Text.isDigit(c)) {
                throw BadValue.rejected(text, "not a whole number");
            }
            if (value <= (Long.MAX_VALUE - 9) / 10) {
                value = value * 10 + (c - '0');
            } else {
                value = Long.MAX_VALUE;
            }
        }
        return negative ? -value : value;
    }
}
