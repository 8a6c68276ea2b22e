package dev.rebound.engine;

/**
 * The standard request methods as bits, so that a rule's method set is tested with one AND per call and
 * rule instead of string comparisons. Case-sensitive, as methods are; allocation-free.
 */
final class Methods {
    private static final String[] KNOWN = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "CONNECT"};

    private Methods() {
    }

    /** The method's bit, or 0 for null or a method outside the standard ones (then compared by name). */
    static int bit(String method) {
        if (method == null) {
            return 0;
        }
        for (int i = 0; i < KNOWN.length; i++) {
            if (KNOWN[i].equals(method)) {
                return 1 << i;
            }
        }
        return 0;
    }
}
