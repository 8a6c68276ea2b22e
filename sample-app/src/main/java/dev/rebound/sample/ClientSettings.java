package dev.rebound.sample;

/** How a {@link Caller} is set up; the streaming and entry modes matter to HttpURLConnection only. */
final class ClientSettings {
    private final int timeoutMs;
    private final StreamingMode streaming;
    private final EntryMode entry;

    ClientSettings(int timeoutMs, StreamingMode streaming, EntryMode entry) {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive: " + timeoutMs);
        }
        if (streaming == null || entry == null) {
            throw new IllegalArgumentException("streaming and entry are required");
        }
        this.timeoutMs = timeoutMs;
        this.streaming = streaming;
        this.entry = entry;
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
}
