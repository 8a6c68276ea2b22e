package dev.rebound.sample;

/**
 * Which method a caller calls first: legacy code uses all of HttpURLConnection's three, and both of
 * Apache HttpClient's styles.
 */
enum EntryMode {
    /** {@code getResponseCode()}, then the input or error stream. */
    RESPONSE_CODE("response-code"),
    /** {@code getInputStream()} straight away; an IOException for a status >= 400 leads to the error stream. */
    INPUT_STREAM("input-stream"),
    /** {@code connect()}, then {@code getResponseCode()}. */
    CONNECT("connect"),
    /** Apache HttpClient only: {@code execute(request, responseHandler)} instead of {@code execute(request)}. */
    HANDLER("handler");

    private final String cliName;

    EntryMode(String cliName) {
        this.cliName = cliName;
    }

    String cliName() {
        return cliName;
    }

    static EntryMode fromCli(String value) throws UsageException {
        for (EntryMode mode : values()) {
            if (mode.cliName.equals(value)) {
                return mode;
            }
        }
        throw new UsageException("--entry must be response-code, input-stream, connect or handler, not '" + value + "'");
    }
}
