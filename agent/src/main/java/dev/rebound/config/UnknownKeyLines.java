package dev.rebound.config;

import java.util.List;

/**
 * The unknown names of one source, reported a few lines at most: a binary or generated file can hold
 * thousands, and each line costs start-up time and buries the lines that matter.
 */
final class UnknownKeyLines {
    /** Lines per source before the rest are only counted. */
    static final int MAX_LINES = 10;

    private final List<ConfigProblem> problems;
    /** Plural noun and place for the summary, e.g. {@code unknown keys in config file 'x'}. */
    private final String summary;
    private int count;

    /** @param summary e.g. {@code unknown system properties}: what the summary line counts */
    UnknownKeyLines(List<ConfigProblem> problems, String summary) {
        this.problems = problems;
        this.summary = summary;
    }

    /**
     * Counts one unknown name. True while under the cap: the caller then adds its line. Past the cap the name
     * is only counted, and no suggestion need be worked out for it.
     */
    boolean takeLine() {
        return count++ < MAX_LINES;
    }

    /** Adds the summary line when names were left out. */
    void finish() {
        if (count > MAX_LINES) {
            problems.add(new ConfigProblem("unknown", "rebound: " + (count - MAX_LINES) + " more " + summary
                    + " (ignored)", ConfigProblem.Severity.ERROR));
        }
    }
}
