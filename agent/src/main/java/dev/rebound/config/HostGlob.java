package dev.rebound.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A {@code host} or {@code host:port} pattern with {@code *} and {@code ?} wildcards, matched without
 * allocating. IPv6 literals are written in brackets ({@code [::1]:8080}); hosts are compared ignoring case.
 * Syntax only: nothing is resolved.
 */
final class HostGlob {
    private static final int ANY_PORT = -1;
    private static final int MAX_PORT = 65535;

    private final String text;
    private final String hostPattern;
    /** A single port, or ANY_PORT; unused when {@link #portPattern} is set. */
    private final int port;
    /** A port pattern with wildcards, matched against the port's decimal digits; else null. */
    private final String portPattern;

    private HostGlob(String text, String hostPattern, int port, String portPattern) {
        this.text = text;
        this.hostPattern = hostPattern;
        this.port = port;
        this.portPattern = portPattern;
    }

    /** The glob, or null when {@code text} is not one. */
    static HostGlob parse(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        String host;
        String portText = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    return null;
                }
                portText = rest.substring(1);
            }
            if (!onlyChars(host, "0123456789abcdef:.*?")) {
                return null;
            }
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
                return null;
            }
            host = colon < 0 ? s : s.substring(0, colon);
            portText = colon < 0 ? null : s.substring(colon + 1);
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (!Text.isAsciiLetterOrDigit(c) && "-._*?".indexOf(c) < 0) {
                    return null;
                }
            }
        }
        if (host.isEmpty()) {
            return null;
        }
        if (portText == null || portText.equals("*")) {
            return new HostGlob(s, host, ANY_PORT, null);
        }
        if (portText.isEmpty() || !onlyChars(portText, "0123456789*?")) {
            return null;
        }
        if (portText.indexOf('*') < 0 && portText.indexOf('?') < 0) {
            if (portText.length() > 5 || Integer.parseInt(portText) > MAX_PORT) {
                return null;
            }
            return new HostGlob(s, host, Integer.parseInt(portText), null);
        }
        return new HostGlob(s, host, ANY_PORT, portText);
    }

    /** Why {@link #parse} refused {@code text}. */
    static String whyBad(String text) {
        if (!text.startsWith("[") && text.indexOf(':') != text.lastIndexOf(':')) {
            return "IPv6 addresses need brackets, e.g. [::1]:8080";
        }
        return "not a host or host:port glob";
    }

    /**
     * @param host as the client reports it; an IPv6 literal may come with or without brackets
     * @param port the port, or -1 when unknown (then only globs without a port match)
     */
    boolean matches(String host, int port) {
        int from = 0;
        int to = host.length();
        if (to >= 2 && host.charAt(0) == '[' && host.charAt(to - 1) == ']') {
            from = 1;
            to--;
        }
        if (!globMatches(hostPattern, host, from, to, 0)) {
            return false;
        }
        if (portPattern != null) {
            return port >= 0 && port <= MAX_PORT && globMatches(portPattern, null, 0, digitCount(port), port);
        }
        return this.port == ANY_PORT || this.port == port;
    }

    /**
     * Classic glob with single-star backtracking: linear for the patterns people write. Matches
     * {@code s[from, to)}, or when {@code s} is null the decimal digits of {@code number} (then from is 0 and
     * to the digit count), so that a port is matched without turning it into a string.
     */
    static boolean globMatches(String pattern, String s, int from, int to, int number) {
        int p = 0;
        int t = from;
        int starP = -1;
        int starT = 0;
        int plen = pattern.length();
        while (t < to) {
            char c = s != null ? s.charAt(t) : digitAt(number, to, t);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (p < plen && (pattern.charAt(p) == '?' || pattern.charAt(p) == c)) {
                p++;
                t++;
            } else if (p < plen && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < plen && pattern.charAt(p) == '*') {
            p++;
        }
        return p == plen;
    }

    private static int digitCount(int number) {
        int n = 1;
        while (number >= 10) {
            number /= 10;
            n++;
        }
        return n;
    }

    /** The i-th of the n decimal digits of number, most significant first. */
    private static char digitAt(int number, int n, int i) {
        for (int k = n - 1; k > i; k--) {
            number /= 10;
        }
        return (char) ('0' + number % 10);
    }

    private static boolean onlyChars(String s, String allowed) {
        for (int i = 0; i < s.length(); i++) {
            if (allowed.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }

    /** The {@code hosts.include} / {@code hosts.exclude} list type. */
    static final ListType LIST = new ListType() {
        @Override
        Object parseItem(String item) {
            return HostGlob.parse(item);
        }

        @Override
        String whyBad(String item) {
            return HostGlob.whyBad(item);
        }

        @Override
        Object build(List<Object> items) {
            List<HostGlob> globs = new ArrayList<HostGlob>();
            for (Object item : items) {
                globs.add((HostGlob) item);
            }
            return Collections.unmodifiableList(globs);
        }

        @Override
        String format(Object value) {
            return Text.join((List<?>) value);
        }
    };
}
