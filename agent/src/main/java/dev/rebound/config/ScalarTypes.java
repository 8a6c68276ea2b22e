package dev.rebound.config;

import dev.rebound.engine.RetryPolicy;

import java.util.Locale;

/** The single-valued setting types. */
final class ScalarTypes {
    private ScalarTypes() {
    }

    static final ValueType BOOLEAN = new ValueType() {
        @Override
        Object parse(String text) throws BadValue {
            if (text.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (text.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw BadValue.rejected(text, "not true or false");
        }
    };

    /** Any text, e.g. a file path; empty allowed. */
    static final ValueType TEXT = new ValueType() {
        @Override
        Object parse(String text) {
            return text;
        }

        @Override
        boolean allowsEmpty() {
            return true;
        }
    };

    /** An HTTP header name; empty allowed (it disables the feature). */
    static final ValueType HEADER_NAME = new ValueType() {
        @Override
        Object parse(String text) throws BadValue {
            if (!text.isEmpty() && !RetryPolicy.isToken(text)) {
                throw BadValue.rejected(text, "not a header name");
            }
            return text;
        }

        @Override
        boolean allowsEmpty() {
            return true;
        }
    };

    /** A host name or IP address literal to bind to. Syntax only: nothing is resolved while loading. */
    static final ValueType BIND_HOST = new ValueType() {
        @Override
        Object parse(String text) throws BadValue {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!Text.isAsciiLetterOrDigit(c) && ".-_:[]%".indexOf(c) < 0) {
                    throw BadValue.rejected(text, "not a host name or IP address");
                }
            }
            return text;
        }
    };

    /** A TCP port 0..65535, or empty for off (parsed as -1). */
    static final ValueType PORT = new ValueType() {
        private final IntType range = new IntType(0, 65535, false);

        @Override
        Object parse(String text) throws BadValue {
            return text.isEmpty() ? Integer.valueOf(-1) : range.parse(text);
        }

        @Override
        boolean allowsEmpty() {
            return true;
        }

        @Override
        String format(Object value) {
            return ((Integer) value).intValue() < 0 ? "" : value.toString();
        }
    };

    /** A whole number in [min, max]; above max it is either rejected or clamped with a warning. */
    static final class IntType extends ValueType {
        private final int min;
        private final int max;
        private final boolean clampAbove;

        IntType(int min, int max, boolean clampAbove) {
            this.min = min;
            this.max = max;
            this.clampAbove = clampAbove;
        }

        @Override
        Object parse(String text) throws BadValue {
            long value = parseWhole(text);
            if (value < min) {
                throw BadValue.rejected(text, "below the minimum " + min);
            }
            if (value > max) {
                if (clampAbove) {
                    throw new BadValue(Text.quoted(text) + " (above the maximum " + max + ")", Integer.valueOf(max),
                            true);
                }
                throw BadValue.rejected(text, "above the maximum " + max);
            }
            return Integer.valueOf((int) value);
        }
    }

    /** A plain decimal number in [min, max]; exponents, hex, NaN and Infinity are refused. */
    static final class DoubleType extends ValueType {
        private final double min;
        private final double max;

        DoubleType(double min, double max) {
            this.min = min;
            this.max = max;
        }

        @Override
        Object parse(String text) throws BadValue {
            if (!isPlainDecimal(text)) {
                throw BadValue.rejected(text, "not a number");
            }
            double value = Double.parseDouble(text);
            if (value < min) {
                throw BadValue.rejected(text, "below the minimum " + min);
            }
            if (value > max) {
                throw BadValue.rejected(text, "above the maximum " + max);
            }
            return Double.valueOf(value);
        }

        private static boolean isPlainDecimal(String s) {
            int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
            int digits = 0;
            boolean dot = false;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Text.isDigit(c)) {
                    digits++;
                } else if (c == '.' && !dot) {
                    dot = true;
                } else {
                    return false;
                }
            }
            return digits > 0;
        }
    }

    /** One of an enum's constants, written as its lower-case name. */
    static final class ChoiceType extends ValueType {
        private final Enum<?>[] choices;

        ChoiceType(Enum<?>[] choices) {
            this.choices = choices;
        }

        @Override
        Object parse(String text) throws BadValue {
            for (Enum<?> choice : choices) {
                if (choice.name().equalsIgnoreCase(text)) {
                    return choice;
                }
            }
            throw BadValue.rejected(text, "not one of " + labels());
        }

        @Override
        String format(Object value) {
            return ((Enum<?>) value).name().toLowerCase(Locale.ROOT);
        }

        private String labels() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < choices.length; i++) {
                if (i > 0) {
                    sb.append(i == choices.length - 1 ? " or " : ", ");
                }
                sb.append(format(choices[i]));
            }
            return sb.toString();
        }
    }
}
