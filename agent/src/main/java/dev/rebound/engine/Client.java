package dev.rebound.engine;

/**
 * An instrumented client, known to the engine and the metrics by its label only (the engine knows none of
 * the client's types). Interned: {@link #named} returns the same instance for the same label, so a client
 * holds it in a static final field and compares or indexes it for free. Each gets a small stable
 * {@link #index()} in the order first named, which the metrics use to lay out their per-client counters.
 */
public final class Client {
    /** Most distinct clients; bounds the per-client tables of the metrics. */
    public static final int MAX = 32;

    private static final Object LOCK = new Object();
    /** Every client named so far, by index; replaced (never changed) under {@link #LOCK}. */
    private static volatile Client[] known = new Client[0];

    private final String label;
    private final int index;

    private Client(String label, int index) {
        this.label = label;
        this.index = index;
    }

    /**
     * The client of that label, made on first use. Thread-safe; after the first call for a label, a read of
     * a short array.
     *
     * @throws IllegalArgumentException when the label is null or empty
     * @throws IllegalStateException when {@link #MAX} clients were named already
     */
    public static Client named(String label) {
        if (label == null || label.isEmpty()) {
            throw new IllegalArgumentException("a client needs a label");
        }
        Client found = find(known, label);
        if (found != null) {
            return found;
        }
        synchronized (LOCK) {
            Client[] now = known;
            found = find(now, label);
            if (found != null) {
                return found;
            }
            if (now.length >= MAX) {
                throw new IllegalStateException("more than " + MAX + " clients: " + label);
            }
            Client made = new Client(label, now.length);
            Client[] grown = new Client[now.length + 1];
            System.arraycopy(now, 0, grown, 0, now.length);
            grown[now.length] = made;
            known = grown;
            return made;
        }
    }

    /** The client of that index, or null when none has it yet. */
    public static Client byIndex(int index) {
        Client[] now = known;
        return index >= 0 && index < now.length ? now[index] : null;
    }

    private static Client find(Client[] clients, String label) {
        for (Client c : clients) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        return null;
    }

    /** The name used in metrics and in {@code instrumentation.<label>.enabled}, e.g. {@code okhttp}. */
    public String label() {
        return label;
    }

    /** 0 for the first client named, then 1, 2...; below {@link #MAX}. */
    public int index() {
        return index;
    }

    @Override
    public String toString() {
        return label;
    }
}
