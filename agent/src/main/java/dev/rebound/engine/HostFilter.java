package dev.rebound.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which hosts the agent acts on: include and exclude globs ({@code *} any run, {@code ?} one character),
 * matched case-insensitively. A pattern with a port ({@code api.example.com:8443}, {@code *:8080}) matches
 * {@code host:port}; one without matches the host alone. Exclude wins. Immutable; matching allocates nothing.
 */
public final class HostFilter {
    /** Includes every host, excludes none. */
    public static final HostFilter ALL = new HostFilter(new String[] {"*"}, new String[0]);

    private final String[] includes;
    private final String[] excludes;

    private HostFilter(String[] includes, String[] excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * @throws IllegalArgumentException when a list or pattern is null, a pattern is empty or holds whitespace
     */
    public static HostFilter of(Collection<String> includes, Collection<String> excludes) {
        return new HostFilter(check("include", includes), check("exclude", excludes));
    }

    private static String[] check(String what, Collection<String> patterns) {
        if (patterns == null) {
            throw new IllegalArgumentException(what + " host patterns must not be null");
        }
        List<String> out = new ArrayList<String>(patterns.size());
        for (String p : patterns) {
            if (p == null || p.isEmpty()) {
                throw new IllegalArgumentException(what + " host pattern must not be empty");
            }
            for (int i = 0; i < p.length(); i++) {
                if (Character.isWhitespace(p.charAt(i))) {
                    throw new IllegalArgumentException(what + " host pattern '" + p + "' must not contain whitespace");
                }
            }
            out.add(p.toLowerCase(Locale.ROOT));
        }
        return out.toArray(new String[0]);
    }

    /** True when the agent should act on calls to {@code host} at {@code port} (pass the effective port). */
    public boolean matches(String host, int port) {
        if (host == null) {
            return false;
        }
        if (host.indexOf(':') >= 0 && host.charAt(0) != '[') {
            host = "[" + host + "]"; // a bare IPv6 literal, as some clients report it; patterns bracket it
        }
        return anyMatch(includes, host, port) && !anyMatch(excludes, host, port);
    }

    private static boolean anyMatch(String[] patterns, String host, int port) {
        for (String p : patterns) {
            if (hasPort(p) ? port >= 0 && glob(p, host, port) : glob(p, host, -1)) {
                return true;
            }
        }
        return false;
    }

    /** A port part follows the last ':' that is outside IPv6 brackets ({@code [::1]:8080}). */
    private static boolean hasPort(String pattern) {
        return pattern.lastIndexOf(':') > pattern.lastIndexOf(']');
    }

    /**
     * Glob match against the text {@code host} (port < 0) or {@code host + ':' + port}, read through
     * {@link #charAt} so no string is built. Greedy with backtracking to the last star: linear in practice.
     */
    private static boolean glob(String pattern, String host, int port) {
        int textLen = host.length() + (port < 0 ? 0 : 1 + digits(port));
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

    /** Character {@code i} of {@code host:port}, the host part lower-cased (ASCII only, as hosts are). */
    private static char charAt(String host, int port, int i) {
        int hl = host.length();
        if (i < hl) {
            char c = host.charAt(i);
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        if (i == hl) {
            return ':';
        }
        int n = digits(port);
        int fromRight = n - 1 - (i - hl - 1);
        int v = port;
        for (int k = 0; k < fromRight; k++) {
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

    @Override
    public String toString() {
        return "HostFilter{include=" + Arrays.toString(includes) + ", exclude=" + Arrays.toString(excludes) + '}';
    }
}
