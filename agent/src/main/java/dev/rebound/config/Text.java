package dev.rebound.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** String helpers for parsing and messages, written out by hand so that loading compiles no regex. */
final class Text {
    /** Longest value echoed in a message; configuration can come from anywhere, so never echo it whole. */
    static final int MAX_SHOWN = 60;

    private Text() {
    }

    /**
     * A value made safe to print on one line: control characters become '?', and long values are cut
     * with an ellipsis.
     */
    static String shown(String value) {
        boolean cut = value.length() > MAX_SHOWN;
        int end = cut ? MAX_SHOWN - 3 : value.length();
        StringBuilder sb = new StringBuilder(end + 3);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            sb.append(c < ' ' || c == 0x7f ? '?' : c);
        }
        if (cut) {
            sb.append("...");
        }
        return sb.toString();
    }

    static String quoted(String value) {
        return "'" + shown(value) + "'";
    }

    /** Comma-separated items, each trimmed, empty items dropped. */
    static List<String> items(String text) {
        List<String> out = new ArrayList<String>();
        int start = 0;
        while (start <= text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String item = text.substring(start, end).trim();
            if (!item.isEmpty()) {
                out.add(item);
            }
            start = end + 1;
        }
        return out;
    }

    static String join(Collection<?> items) {
        StringBuilder sb = new StringBuilder();
        for (Object item : items) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(item);
        }
        return sb.toString();
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c);
    }

    /** RFC 9110 {@code tchar}: the characters of a method or header name. */
    static String spaces(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(' ');
        }
        return sb.toString();
    }
}
