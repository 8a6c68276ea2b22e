package dev.rebound.engine;

/**
 * Where the path begins in the request target a client already holds (a path, a path with a query, or an
 * absolute URI), so that a rule's path prefix is compared in place: no substring, no allocation.
 */
final class RequestPath {
    private RequestPath() {
    }

    /**
     * Index of the path's leading {@code /} in {@code target}, or -1 when it has none (null, empty, {@code *},
     * an absolute URI without a path): such a request's path is {@code /}.
     */
    static int start(String target) {
        if (target == null || target.isEmpty()) {
            return -1;
        }
        if (target.charAt(0) == '/') {
            return 0;
        }
        int scheme = target.indexOf("://");
        if (scheme < 0) {
            return -1;
        }
        for (int i = scheme + 3; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '/') {
                return i;
            }
            if (c == '?' || c == '#') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Does the path that begins at {@code from} in {@code target} (-1: the path is {@code /}) start with
     * {@code prefix}? The prefix holds no {@code ?} or {@code #}, so a match never reaches into the query.
     * Compared as sent: case-sensitive, percent-encoding as written.
     */
    static boolean startsWith(String target, int from, String prefix) {
        int n = prefix.length();
        if (from < 0 || target == null) {
            return n == 1; // "/" is the only prefix of the root path; prefixes start with "/"
        }
        if (target.length() - from < n) {
            return false;
        }
        // From the end: prefixes of one service share their start ("/api/v1/", "/api/v2/") and differ late.
        for (int i = n - 1; i > 0; i--) {
            if (target.charAt(from + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return target.charAt(from) == '/';
    }
}
