package dev.rebound.sample;

/** A command line the app cannot run: its message names the offending option or value. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
