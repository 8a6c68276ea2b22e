package dev.rebound.config;

import dev.rebound.engine.FailureKind;
import dev.rebound.engine.RetryPolicy;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The parsed {@code retry-on} value: status codes and failure kinds. Immutable. */
final class RetryOn {
    final List<Object> items;
    final Set<Integer> statuses;
    final Set<FailureKind> kinds;

    RetryOn(List<Object> items) {
        this.items = Collections.unmodifiableList(items);
        Set<Integer> s = new LinkedHashSet<Integer>();
        Set<FailureKind> k = new LinkedHashSet<FailureKind>();
        for (Object item : items) {
            if (item instanceof Integer) {
                s.add((Integer) item);
            } else {
                k.add((FailureKind) item);
            }
        }
        this.statuses = Collections.unmodifiableSet(s);
        this.kinds = Collections.unmodifiableSet(k);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Object item : items) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(item instanceof FailureKind ? ((FailureKind) item).label() : item.toString());
        }
        return sb.toString();
    }

    static final ListType TYPE = new ListType() {
        @Override
        Object parseItem(String item) {
            if (Text.isDigit(item.charAt(0))) {
                int code = 0;
                for (int i = 0; i < item.length(); i++) {
                    if (!Text.isDigit(item.charAt(i)) || i >= 3) {
                        return null;
                    }
                    code = code * 10 + (item.charAt(i) - '0');
                }
                return code >= RetryPolicy.MIN_RETRYABLE_STATUS && code <= RetryPolicy.MAX_STATUS ? Integer.valueOf(code) : null;
            }
            for (FailureKind kind : FailureKind.values()) {
                if (kind.label().equalsIgnoreCase(item)) {
                    return kind;
                }
            }
            return null;
        }

        @Override
        String whyBad(String item) {
            if (allDigits(item)) {
                return "status code not in " + RetryPolicy.MIN_RETRYABLE_STATUS + ".." + RetryPolicy.MAX_STATUS;
            }
            StringBuilder sb = new StringBuilder("not a status code or one of ");
            FailureKind[] kinds = FailureKind.values();
            for (int i = 0; i < kinds.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(kinds[i].label());
            }
            return sb.toString();
        }

        @Override
        Object build(List<Object> items) {
            return new RetryOn(items);
        }

        private boolean allDigits(String item) {
            for (int i = 0; i < item.length(); i++) {
                if (!Text.isDigit(item.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    };
}
