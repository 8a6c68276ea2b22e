package dev.rebound.weave;

/** A class does not have the shape an instrumentation expects; the class is left as it was. */
public final class WeaveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WeaveException(String message) {
        super(message);
    }
}
