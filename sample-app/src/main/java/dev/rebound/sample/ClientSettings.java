package dev.rebound.sample;

/** How a {@link Caller} is set up; which client uses which setting is checked by {@link CallOptions}. */
final class ClientSettings {
    /** Pooled connections of the Apache clients, in total and per host. */
    static final int DEFAULT_MAX_CONNECTIONS = 20;

    private final int timeoutMs;
    private final StreamingMode streaming;
    private final EntryMode entry;
    private final int maxConnections;

    ClientSettings(int timeoutMs, StreamingMode streaming, EntryMode entry) {
        this(timeoutMs, streaming, entry, DEFAULT_MAX_CONNECTIONS);
    }

    ClientSettings(int timeoutMs, StreamingMode streaming, EntryMode entry, int maxConnections) {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive: " + timeoutMs);
        }
        if (streaming == null || entry == null) {
            throw new IllegalArgumentException("streaming and entry are required");
        }
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
        }
        this.timeoutMs = timeoutMs;
        this.streaming = streaming;
        this.entry = entry;
        this.maxConnections = maxConnections;
    }

    static ClientSettings defaults(int timeoutMs) {
        return new ClientSettings(timeoutMs, StreamingMode.NONE, EntryMode.RESPONSE_CODE);
    }

    /** Connect timeout and read (or response) timeout, each. */
    int timeoutMs() {
        return timeoutMs;
    }

    StreamingMode streaming() {
        return streaming;
    }

    EntryMode entry() {
        return entry;
    }

    /** Apache HttpClient's pool size, in total and per host. */
    int maxConnections() {
        return maxConnections;
    }
}
