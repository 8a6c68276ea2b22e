package dev.rebound.config;

/**
 * A duration written as {@code 250ms}, {@code 2s} or {@code 1m}; a plain number means milliseconds. Parsed to
 * nanoseconds, the unit the engine computes delays in, so anything that overflows a long is refused.
 */
final class DurationType extends ValueType {
    private static final long NANOS_PER_MILLI = 1000000L;
    private static final long MILLIS_PER_SECOND = 1000L;
    private static final long MILLIS_PER_MINUTE = 60000L;

    private final long minMillis;

    /** @param minMillis smallest accepted value, 0 or more */
    DurationType(long minMillis) {
        this.minMillis = minMillis;
    }

    @Override
    Object parse(String text) throws BadValue {
        int end = text.length();
        long unitMillis = 1;
        if (endsWithIgnoreCase(text, "ms")) {
            end -= 2;
        } else if (endsWithIgnoreCase(text, "s")) {
            end -= 1;
            unitMillis = MILLIS_PER_SECOND;
        } else if (endsWithIgnoreCase(text, "m")) {
            end -= 1;
            unitMillis = MILLIS_PER_MINUTE;
        }
        String number = text.substring(0, end);
        if (number.startsWith("-") && number.length() > 1 && isDigits(number, 1)) {
            throw BadValue.rejected(text, "negative");
        }
        if (!isDigits(number, 0)) {
            throw BadValue.rejected(text, "not a duration such as 250ms, 2s or 1m");
        }
        long amount = parseWhole(number);
        if (amount > Long.MAX_VALUE / unitMillis / NANOS_PER_MILLI) {
            throw BadValue.rejected(text, "too large");
        }
        long millis = amount * unitMillis;
        if (millis < minMillis) {
            throw BadValue.rejected(text, "below the minimum " + formatMillis(minMillis));
        }
        return Long.valueOf(millis * NANOS_PER_MILLI);
    }

    @Override
    String format(Object value) {
        return formatNanos(((Long) value).longValue());
    }

    /** As {@link #formatMillis}, from nanoseconds (below a millisecond is dropped). */
    static String formatNanos(long nanos) {
        return formatMillis(nanos / NANOS_PER_MILLI);
    }

    /** The largest unit that shows the value exactly, so that a listed value can be pasted back. */
    static String formatMillis(long millis) {
        if (millis != 0 && millis % MILLIS_PER_MINUTE == 0) {
            return (millis / MILLIS_PER_MINUTE) + "m";
        }
        if (millis != 0 && millis % MILLIS_PER_SECOND == 0) {
            return (millis / MILLIS_PER_SECOND) + "s";
        }
        return millis + "ms";
    }

    private static boolean endsWithIgnoreCase(String s, String suffix) {
        return s.regionMatches(true, s.length() - suffix.length(), suffix, 0, suffix.length());
    }

    private static boolean isDigits(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (!Text.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
