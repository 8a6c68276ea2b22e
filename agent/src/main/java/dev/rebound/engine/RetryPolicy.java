package dev.rebound.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What may be retried, how often and how long to wait. Immutable; built by {@link Builder}, which rejects a
 * bad argument at the call that passes it so that the caller can name the offending setting.
 */
public final class RetryPolicy {
    public static final int MAX_ATTEMPTS_LIMIT = 10;
    /**
     * Lowest status that may be a retry candidate: the clients report success below 400 without a status to
     * judge, and a retried 2xx or 3xx would repeat work the server finished.
     */
    public static final int MIN_RETRYABLE_STATUS = 400;
    public static final int MAX_STATUS = 599;

    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** Not idempotent (RFC 9110 section 9.2.2): never retried without an idempotency key, whatever the config. */
    private static final String[] NEVER_WITHOUT_KEY = {"POST", "PATCH", "CONNECT"};

    public static final RetryPolicy DEFAULTS = builder().build();

    private final boolean observeOnly;
    private final int maxAttempts;
    private final boolean[] retryableStatus;
    private final boolean[] retryableFailure;
    private final String[] methodsWithoutKey;
    private final String idempotencyHeader;
    private final Backoff backoff;
    private final long retryAfterMaxNanos;
    private final long maxElapsedNanos;
    private final HostFilter hostFilter;
    private final GuardPolicy guardPolicy;
    private final OuterRetriers outerRetriers;

    private RetryPolicy(Builder b) {
        observeOnly = b.observeOnly;
        maxAttempts = b.maxAttempts;
        retryableStatus = b.retryableStatus.clone();
        retryableFailure = b.retryableFailure.clone();
        methodsWithoutKey = b.methodsWithoutKey.clone();
        idempotencyHeader = b.idempotencyHeader;
        backoff = b.backoff;
        retryAfterMaxNanos = b.retryAfterMaxNanos;
        maxElapsedNanos = b.maxElapsedNanos;
        hostFilter = b.hostFilter;
        guardPolicy = b.guardPolicy;
        outerRetriers = b.outerRetriers;
    }

    /**
     * Whether {@code method} (any case) is one that is never retried without an idempotency key, whatever
     * the configuration.
     */
    public static boolean neverWithoutKey(String method) {
        for (String never : NEVER_WITHOUT_KEY) {
            if (never.equalsIgnoreCase(method)) {
                return true;
            }
        }
        return false;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public boolean observeOnly() {
        return observeOnly;
    }

    /** Attempts per logical call, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public boolean isRetryable(int status) {
        return status >= 0 && status <= MAX_STATUS && retryableStatus[status];
    }

    public boolean isRetryable(FailureKind kind) {
        return kind != null && retryableFailure[kind.ordinal()];
    }

    /**
     * May an attempt that ended with {@code status}, or at -1 with a failure of {@code kind} (null when
     * unclassified), be retried? The status decides when there is one.
     */
    public boolean isRetryable(int status, FailureKind kind) {
        return status >= 0 ? isRetryable(status) : isRetryable(kind);
    }

    /**
     * Does rebound itself re-send a request whose connection was reset? Then the clients' own hidden
     * re-sends must stay off for calls it may retry, or one reset would be re-sent at two levels.
     */
    public boolean resendsResets() {
        return !observeOnly && maxAttempts > 1 && isRetryable(FailureKind.RESET);
    }

    /**
     * May a call with this method be sent again? Only when it carries an idempotency key (and the key header
     * is enabled) or its method is listed. Case-sensitive, as HTTP methods are.
     */
    public boolean methodAllowsRetry(String method, boolean hasIdempotencyKey) {
        if (hasIdempotencyKey && !idempotencyHeader.isEmpty()) {
            return true;
        }
        if (method == null) {
            return false;
        }
        for (String m : methodsWithoutKey) {
            if (m.equals(method)) {
                return true;
            }
        }
        return false;
    }

    /** The methods retried without an idempotency key, upper case, in the order given. */
    public List<String> methodsWithoutKey() {
        return Collections.unmodifiableList(Arrays.asList(methodsWithoutKey.clone()));
    }

    /** The request header whose presence makes any method retryable; "" when that rule is disabled. */
    public String idempotencyHeader() {
        return idempotencyHeader;
    }

    public Backoff backoff() {
        return backoff;
    }

    /** A {@code Retry-After} longer than this is not waited for: the candidate is handed back. */
    public long retryAfterMaxNanos() {
        return retryAfterMaxNanos;
    }

    /** No retry is started whose delay would end later than this after the call began. */
    public long maxElapsedNanos() {
        return maxElapsedNanos;
    }

    public HostFilter hostFilter() {
        return hostFilter;
    }

    public GuardPolicy guardPolicy() {
        return guardPolicy;
    }

    /** The retry libraries inside which rebound leaves a call to them. */
    public OuterRetriers outerRetriers() {
        return outerRetriers;
    }

    @Override
    public String toString() {
        List<Integer> statuses = new ArrayList<Integer>();
        for (int s = 0; s <= MAX_STATUS; s++) {
            if (retryableStatus[s]) {
                statuses.add(s);
            }
        }
        List<String> kinds = new ArrayList<String>();
        for (FailureKind k : FailureKind.values()) {
            if (retryableFailure[k.ordinal()]) {
                kinds.add(k.label());
            }
        }
        return "RetryPolicy{observeOnly=" + observeOnly + ", maxAttempts=" + maxAttempts + ", statuses=" + statuses
                + ", failures=" + kinds + ", methodsWithoutKey=" + Arrays.toString(methodsWithoutKey)
                + ", idempotencyHeader='" + idempotencyHeader + "', " + backoff + ", retryAfterMax="
                + retryAfterMaxNanos + "ns, maxElapsed=" + maxElapsedNanos + "ns, " + hostFilter + ", " + outerRetriers + '}';
    }

    /** Single-threaded. Starts from the defaults; every setter validates its argument immediately. */
    public static final class Builder {
        private boolean observeOnly;
        private int maxAttempts = 3;
        private boolean[] retryableStatus = new boolean[MAX_STATUS + 1];
        private boolean[] retryableFailure = new boolean[FailureKind.values().length];
        private String[] methodsWithoutKey = {"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"};
        private String idempotencyHeader = "Idempotency-Key";
        private Backoff backoff = new Backoff(100 * MILLI, SECOND, 2.0, Jitter.FULL);
        private long retryAfterMaxNanos = 5 * SECOND;
        private long maxElapsedNanos = 10 * SECOND;
        private HostFilter hostFilter = HostFilter.ALL;
        private GuardPolicy guardPolicy = GuardPolicy.DEFAULTS;
        private OuterRetriers outerRetriers = OuterRetriers.DEFAULTS;

        private Builder() {
            retryableStatus[502] = true;
            retryableStatus[503] = true;
            retryableStatus[504] = true;
            retryableFailure[FailureKind.CONNECT_FAILURE.ordinal()] = true;
        }

        /** Decide and record, but never send a retry. */
        public Builder observeOnly(boolean observeOnly) {
            this.observeOnly = observeOnly;
            return this;
        }

        /** 1..{@value #MAX_ATTEMPTS_LIMIT}, the first attempt included. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
                throw new IllegalArgumentException(
                        "max attempts must be 1.." + MAX_ATTEMPTS_LIMIT + ", got " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Replaces the retryable statuses; each {@value #MIN_RETRYABLE_STATUS}..{@value #MAX_STATUS}. */
        public Builder retryOnStatuses(int... statuses) {
            if (statuses == null) {
                throw new IllegalArgumentException("retryable statuses must not be null");
            }
            boolean[] table = new boolean[MAX_STATUS + 1];
            for (int s : statuses) {
                if (s < MIN_RETRYABLE_STATUS || s > MAX_STATUS) {
                    throw new IllegalArgumentException("retryable status must be " + MIN_RETRYABLE_STATUS + ".."
                            + MAX_STATUS + ", got " + s);
                }
                table[s] = true;
            }
            this.retryableStatus = table;
            return this;
        }

        /** Replaces the retryable transport failures. */
        public Builder retryOnFailures(FailureKind... kinds) {
            if (kinds == null) {
                throw new IllegalArgumentException("retryable failures must not be null");
            }
            boolean[] table = new boolean[FailureKind.values().length];
            for (FailureKind k : kinds) {
                if (k == null) {
                    throw new IllegalArgumentException("retryable failure must not be null");
                }
                table[k.ordinal()] = true;
            }
            this.retryableFailure = table;
            return this;
        }

        /**
         * Replaces the methods retried without an idempotency key; upper-cased. POST, PATCH and CONNECT are
         * refused: they are not idempotent, and a reset or timeout may mean the server already acted.
         */
        public Builder methodsWithoutKey(String... methods) {
            if (methods == null) {
                throw new IllegalArgumentException("methods must not be null");
            }
            List<String> out = new ArrayList<String>();
            for (String m : methods) {
                if (m == null || !isToken(m)) {
                    throw new IllegalArgumentException("method '" + m + "' is not an HTTP method name");
                }
                String upper = m.toUpperCase(Locale.ROOT);
                if (neverWithoutKey(upper)) {
                    throw new IllegalArgumentException("method " + upper
                            + " is not idempotent and cannot be retried without an idempotency key");
                }
                if (!out.contains(upper)) {
                    out.add(upper);
                }
            }
            this.methodsWithoutKey = out.toArray(new String[0]);
            return this;
        }

        /** A header name, or "" to disable retrying keyed non-idempotent calls. */
        public Builder idempotencyHeader(String header) {
            if (header == null || (!header.isEmpty() && !isToken(header))) {
                throw new IllegalArgumentException("idempotency header '" + header + "' is not a header name");
            }
            this.idempotencyHeader = header;
            return this;
        }

        public Builder backoff(Backoff backoff) {
            if (backoff == null) {
                throw new IllegalArgumentException("backoff must not be null");
            }
            this.backoff = backoff;
            return this;
        }

        /** >= 0. */
        public Builder retryAfterMaxNanos(long nanos) {
            if (nanos < 0) {
                throw new IllegalArgumentException("retry-after max must be >= 0, got " + nanos + "ns");
            }
            this.retryAfterMaxNanos = nanos;
            return this;
        }

        /** > 0. */
        public Builder maxElapsedNanos(long nanos) {
            if (nanos <= 0) {
                throw new IllegalArgumentException("max elapsed must be > 0, got " + nanos + "ns");
            }
            this.maxElapsedNanos = nanos;
            return this;
        }

        public Builder hostFilter(HostFilter hostFilter) {
            if (hostFilter == null) {
                throw new IllegalArgumentException("host filter must not be null");
            }
            this.hostFilter = hostFilter;
            return this;
        }

        public Builder guardPolicy(GuardPolicy guardPolicy) {
            if (guardPolicy == null) {
                throw new IllegalArgumentException("guard policy must not be null");
            }
            this.guardPolicy = guardPolicy;
            return this;
        }

        public Builder outerRetriers(OuterRetriers outerRetriers) {
            if (outerRetriers == null) {
                throw new IllegalArgumentException("outer retriers must not be null");
            }
            this.outerRetriers = outerRetriers;
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }

    /** RFC 9110 token: what a method or a header name may be made of; false for null or empty. */
    public static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
