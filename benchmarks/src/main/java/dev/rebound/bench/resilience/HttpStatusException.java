package dev.rebound.bench.resilience;

import java.io.IOException;

/** What app code typically throws for a non-2xx answer; hand-written loops and Resilience4j retry on it. */
final class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    HttpStatusException(int status) {
        super("HTTP " + status);
        this.status = status;
    }
}
