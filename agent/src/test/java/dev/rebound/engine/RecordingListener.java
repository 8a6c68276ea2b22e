package dev.rebound.engine;

import java.util.ArrayList;
import java.util.List;

/** Records every event as a short line, in order. */
final class RecordingListener implements CallListener {
    final List<String> events = new ArrayList<>();

    @Override
    public void callEnded(Client client, String host, String method, Outcome outcome) {
        events.add("ended " + client.label() + " " + host + " " + method + " " + outcome.label());
    }

    @Override
    public void retried(Client client, String host, String reason, long delayNanos) {
        events.add("retried " + host + " " + reason + " " + delayNanos);
    }

    @Override
    public void retrySkipped(Client client, String host, SkipCause cause) {
        events.add("skipped " + host + " " + cause.label());
    }

    long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }
}
