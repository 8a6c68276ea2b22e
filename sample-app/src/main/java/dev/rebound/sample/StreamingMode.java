package dev.rebound.sample;

/**
 * How a request body is sent: the three modes HttpURLConnection offers; for Apache HttpClient, fixed and
 * chunked send a one-shot stream entity of known or unknown length.
 */
enum StreamingMode {
    /** The default: HttpURLConnection buffers the whole body, so it can replay it. */
    NONE("none"),
    /** {@code setFixedLengthStreamingMode(len)}: the body goes straight to the socket. */
    FIXED("fixed"),
    /** {@code setChunkedStreamingMode(0)}: chunked transfer encoding, default chunk size. */
    CHUNKED("chunked");

    private final String cliName;

    StreamingMode(String cliName) {
        this.cliName = cliName;
    }

    String cliName() {
        return cliName;
    }

    static StreamingMode fromCli(String value) throws UsageException {
        for (StreamingMode mode : values()) {
            if (mode.cliName.equals(value)) {
                return mode;
            }
        }
        throw new UsageException("--streaming must be none, fixed or chunked, not '" + value + "'");
    }
}
