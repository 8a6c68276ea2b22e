package dev.rebound.config;

/**
 * A rejected or adjusted value, thrown by a {@link ValueType} and always caught by the loader. Carries no
 * stack trace: it is control flow, and loading runs in premain where every millisecond shows.
 */
final class BadValue extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was wrong, e.g. {@code 'banana' (not a whole number)}. */
    final String detail;
    /** What to use instead, or null for the key's default. */
    final transient Object replacement;
    /** True when the value was usable after clamping: a warning rather than an error. */
    final boolean clamped;

    BadValue(String detail, Object replacement, boolean clamped) {
        super(detail, null, false, false);
        this.detail = detail;
        this.replacement = replacement;
        this.clamped = clamped;
    }

    /** The value is unusable; the default applies. */
    static BadValue rejected(String value, String reason) {
        return new BadValue(Text.quoted(value) + " (" + reason + ")", null, false);
    }
}
