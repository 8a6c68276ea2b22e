package dev.rebound.bench.common;

import java.util.Locale;

/** Number formats used in every table, fixed to one locale so results diff cleanly between runs. */
public final class Fmt {
    private Fmt() {
    }

    public static String f(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    public static String pct(double fraction, int decimals) {
        return Double.isNaN(fraction) ? "n/a" : f(fraction * 100.0, decimals) + "%";
    }

    public static String signed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return (value >= 0 ? "+" : "") + f(value, decimals);
    }

    public static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : f(millis, millis < 10 ? 1 : 0) + " ms";
    }

    public static String met(boolean ok) {
        return ok ? "met" : "MISSED";
    }
}
