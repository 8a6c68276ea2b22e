package dev.rebound.config;

import java.util.Locale;

/** "Did you mean ...?" for unknown keys: the closest known name by edit distance, if it is close. */
final class Suggestions {
    /** Names longer than this are not compared: nobody mistypes a key that badly, and the cost is quadratic. */
    private static final int MAX_COMPARED_LENGTH = 80;

    private Suggestions() {
    }

    /** The candidate closest to {@code name}, or null when none is close enough to be a likely typo. */
    static String closest(String name, String[] candidates) {
        return closest(name, candidates, "");
    }

    /**
     * As {@link #closest(String, String[])}, comparing only what follows a prefix shared by the name and
     * all candidates, so that {@code REBOUND_HOME} is judged as {@code HOME}, not as a long name.
     */
    static String closest(String name, String[] candidates, String prefix) {
        if (name.length() > MAX_COMPARED_LENGTH || !name.startsWith(prefix)) {
            return null;
        }
        String lower = name.substring(prefix.length()).toLowerCase(Locale.ROOT);
        int allowed = lower.length() <= 4 ? 1 : lower.length() <= 10 ? 2 : 3;
        String best = null;
        int bestDistance = allowed + 1;
        for (String candidate : candidates) {
            int d = distance(lower, candidate.substring(prefix.length()).toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    /** Levenshtein distance with two rows. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
