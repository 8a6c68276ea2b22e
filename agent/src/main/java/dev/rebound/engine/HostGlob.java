package dev.rebound.engine;

import java.util.Locale;

/**
 * One {@code host} or {@code host:port} pattern with {@code *} (any run) and {@code ?} (one character)
 * wildcards, the grammar of {@code hosts.include} / {@code hosts.exclude}. IPv6 literals are written in
 * brackets ({@code [::1]:8080}); hosts compare ignoring case. The host and the port are matched separately,
 * so a star in the host never reaches into the port. Syntax only: nothing is resolved. Immutable; matching
 * allocates nothing.
 */
public final class HostGlob {
    private static final int MAX_PORT = 65535;

    private final String text;
    private final String hostPattern;
    /** Wildcards over the port's decimal digits; null when the glob names no port. */
    private final String portPattern;
    /**
     * The shapes nearly every glob has, matched without the general loop (a per-call scan of many rules
     * pays for each glob): {@link #LITERAL} {@code api.example.com}, {@link #SUFFIX} {@code *.example.com}
     * (the text after the star in {@link #literal}), {@link #ANY} {@code *}; else {@link #GENERAL}.
     */
    private final int shape;
    private final String literal;
    /** The port when the glob names one without wildcards, else -1. */
    private final int literalPort;

    private static final int GENERAL = 0;
    private static final int LITERAL = 1;
    private static final int SUFFIX = 2;
    private static final int ANY = 3;

    private HostGlob(String text, String hostPattern, String portPattern) {
        this.text = text;
        this.hostPattern = hostPattern;
        this.portPattern = portPattern;
        boolean wild = hasWildcard(hostPattern);
        String afterStar = hostPattern.substring(1);
        if (!wild) {
            shape = LITERAL;
            literal = hostPattern;
        } else if (hostPattern.equals("*")) {
            shape = ANY;
            literal = "";
        } else if (hostPattern.charAt(0) == '*' && !hasWildcard(afterStar)) {
            shape = SUFFIX;
            literal = afterStar;
        } else {
            shape = GENERAL;
            literal = null;
        }
        literalPort = portPattern != null && !hasWildcard(portPattern) ? Integer.parseInt(portPattern) : -1;
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    /** The glob, lower-cased, or null when {@code text} is not one ({@link #whyBad} says why). */
    public static HostGlob parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.toLowerCase(Locale.ROOT);
        String host;
        String portText = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || !onlyChars(s.substring(1, close), "0123456789abcdef:.*?")) {
                return null;
            }
            host = close == 1 ? "" : s.substring(0, close + 1);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    return null;
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
                return null;
            }
            host = colon < 0 ? s : s.substring(0, colon);
            portText = colon < 0 ? null : s.substring(colon + 1);
            if (!onlyChars(host, "abcdefghijklmnopqrstuvwxyz0123456789-._*?")) {
                return null;
            }
        }
        if (host.isEmpty()) {
            return null;
        }
        if (portText != null) {
            if (portText.isEmpty() || !onlyChars(portText, "0123456789*?")) {
                return null;
            }
            if (portText.indexOf('*') < 0 && portText.indexOf('?') < 0
                    && (portText.length() > 5 || Integer.parseInt(portText) > MAX_PORT)) {
                return null;
            }
        }
        return new HostGlob(s, host, portText);
    }

    /** Why {@link #parse} refused {@code text}. */
    public static String whyBad(String text) {
        if (text != null && !text.startsWith("[") && text.indexOf(':') != text.lastIndexOf(':')) {
            return "IPv6 addresses need brackets, e.g. [::1]:8080";
        }
        return "not a host or host:port glob";
    }

    /**
     * @param host an IPv6 literal in brackets, any case
     * @param port the effective port, or -1 when unknown: then a glob with a port part does not match
     */
    boolean matches(String host, int port) {
        if (portPattern != null && (port < 0 || (literalPort >= 0 ? port != literalPort : !glob(portPattern, null, port)))) {
            return false;
        }
        switch (shape) {
            case LITERAL:
                return host.length() == literal.length() && tailMatches(host, literal);
            case SUFFIX:
                return host.length() >= literal.length() && tailMatches(host, literal);
            case ANY:
                return true;
            default:
                return glob(hostPattern, host, -1);
        }
    }

    /** Does {@code host} end with {@code lowerTail}, comparing ASCII letters ignoring case? From the end: names differ there most. */
    private static boolean tailMatches(String host, String lowerTail) {
        int offset = host.length() - lowerTail.length();
        for (int i = lowerTail.length() - 1; i >= 0; i--) {
            if (charAt(host, 0, offset + i) != lowerTail.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Glob match against {@code host}, or when it is null the decimal digits of {@code port}, read through
     * {@link #charAt} so that no string is built. Greedy with backtracking to the last star: linear in practice.
     */
    private static boolean glob(String pattern, String host, int port) {
        int textLen = host != null ? host.length() : digits(port);
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = 0;
        while (t < textLen) {
            if (p < pattern.length()) {
                char pc = pattern.charAt(p);
                if (pc == '*') {
                    starP = p++;
                    starT = t;
                    continue;
                }
                if (pc == '?' || pc == charAt(host, port, t)) {
                    p++;
                    t++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            t = ++starT;
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** Character {@code i} of the host lower-cased (ASCII only, as hosts are), or digit {@code i} of the port. */
    private static char charAt(String host, int port, int i) {
        if (host != null) {
            char c = host.charAt(i);
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        int v = port;
        for (int k = digits(port) - 1; k > i; k--) {
            v /= 10;
        }
        return (char) ('0' + v % 10);
    }

    private static int digits(int port) {
        int n = 1;
        while (port >= 10) {
            port /= 10;
            n++;
        }
        return n;
    }

    private static boolean onlyChars(String s, String allowed) {
        for (int i = 0; i < s.length(); i++) {
            if (allowed.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The glob as parsed, lower case. */
    @Override
    public String toString() {
        return text;
    }
}
