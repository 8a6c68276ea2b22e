package dev.rebound.metrics;

import dev.rebound.engine.FailureKind;

/**
 * Maps a retry reason to an index: one slot per status 100..599, one per {@link FailureKind}, then
 * {@code other}. A bounded set keeps a misbehaving server from inflating the series count.
 */
final class ReasonLabels {
    private static final int FIRST_STATUS = 100;
    private static final int STATUS_COUNT = 500;
    private static final FailureKind[] KINDS = FailureKind.values();
    static final int COUNT = STATUS_COUNT + KINDS.length + 1;
    static final int OTHER = COUNT - 1;

    private ReasonLabels() {
    }

    /** Allocation-free parse of a three-digit status or a failure kind label. */
    static int indexOf(String reason) {
        if (reason == null) {
            return OTHER;
        }
        if (reason.length() == 3) {
            int status = 0;
            for (int i = 0; i < 3; i++) {
                char c = reason.charAt(i);
                if (c < '0' || c > '9') {
                    return kindIndex(reason);
                }
                status = status * 10 + (c - '0');
            }
            int slot = status - FIRST_STATUS;
            return slot >= 0 && slot < STATUS_COUNT ? slot : OTHER;
        }
        return kindIndex(reason);
    }

    private static int kindIndex(String reason) {
        for (int i = 0; i < KINDS.length; i++) {
            if (KINDS[i].label().equals(reason)) {
                return STATUS_COUNT + i;
            }
        }
        return OTHER;
    }

    /** Scrape time only: allocates the status string rather than keeping 500 of them on the boot heap. */
    static String label(int index) {
        if (index < STATUS_COUNT) {
            return Integer.toString(FIRST_STATUS + index);
        }
        if (index < OTHER) {
            return KINDS[index - STATUS_COUNT].label();
        }
        return "other";
    }
}
