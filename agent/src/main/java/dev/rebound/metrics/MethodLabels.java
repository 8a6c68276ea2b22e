package dev.rebound.metrics;

/** Maps an HTTP method to a small fixed label set, so that a custom method cannot add series. */
final class MethodLabels {
    static final String[] LABELS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "other"};
    static final int COUNT = LABELS.length;
    static final int OTHER = COUNT - 1;

    private MethodLabels() {
    }

    /** Allocation-free: a string switch only hashes (cached by String) and compares. */
    static int indexOf(String method) {
        if (method == null) {
            return OTHER;
        }
        switch (method) {
            case "GET":
                return 0;
            case "HEAD":
                return 1;
            case "POST":
                return 2;
            case "PUT":
                return 3;
            case "DELETE":
                return 4;
            case "PATCH":
                return 5;
            case "OPTIONS":
                return 6;
            case "TRACE":
                return 7;
            default:
                return OTHER;
        }
    }
}
