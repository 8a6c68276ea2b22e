package dev.rebound.engine;

/**
 * What the engine tells the outside world (metrics, debug log). Called on the app's threads:
 * implementations must be thread-safe, lock-free and must not allocate on {@link #callEnded} for
 * hosts they have seen before.
 */
public interface CallListener {
    /** Exactly once per logical call. */
    void callEnded(Client client, String host, String method, Outcome outcome);

    /** Once per retry sent; {@code reason} is the status code ("502") or a {@link FailureKind} label. */
    void retried(Client client, String host, String reason, long delayNanos);

    /** Once per retry candidate that was not retried. */
    void retrySkipped(Client client, String host, SkipCause cause);

    CallListener NOOP = new CallListener() {
        @Override
        public void callEnded(Client client, String host, String method, Outcome outcome) {
        }

        @Override
        public void retried(Client client, String host, String reason, long delayNanos) {
        }

        @Override
        public void retrySkipped(Client client, String host, SkipCause cause) {
        }
    };
}
