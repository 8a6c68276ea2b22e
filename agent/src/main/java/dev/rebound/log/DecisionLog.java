package dev.rebound.log;

import dev.rebound.engine.CallListener;
import dev.rebound.engine.Client;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.SkipCause;

/**
 * {@code log.level=debug}: one stderr line per engine decision, then the real listener. Installed only at
 * debug level, so it costs nothing otherwise. Lines name client, host and method; never paths, queries,
 * header values or bodies.
 */
public final class DecisionLog implements CallListener {
    private final CallListener next;

    public DecisionLog(CallListener next) {
        this.next = next;
    }

    @Override
    public void callEnded(Client client, String host, String method, Outcome outcome) {
        Log.debug("rebound: " + client.label() + " " + method + " " + host + " -> " + outcome.label());
        next.callEnded(client, host, method, outcome);
    }

    @Override
    public void retried(Client client, String host, String reason, long delayNanos) {
        Log.debug("rebound: " + client.label() + " " + host + " got " + reason + ", retrying in "
                + delayNanos / 1_000_000L + " ms");
        next.retried(client, host, reason, delayNanos);
    }

    @Override
    public void retrySkipped(Client client, String host, SkipCause cause) {
        Log.debug("rebound: " + client.label() + " " + host + " not retried: " + cause.label());
        next.retrySkipped(client, host, cause);
    }
}
