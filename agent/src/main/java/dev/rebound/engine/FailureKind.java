package dev.rebound.engine;

/** Transport failures an adapter can report; each is a {@code retry-on} value. */
public enum FailureKind {
    /** Refused, unreachable, connect timeout: the request never reached the server. */
    CONNECT_FAILURE("connect-failure"),
    /** Connection closed or reset before a complete response. */
    RESET("reset"),
    /** Read timeout. */
    TIMEOUT("timeout");

    private final String label;

    FailureKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
