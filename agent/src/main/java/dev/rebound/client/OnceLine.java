package dev.rebound.client;

import dev.rebound.log.Log;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A line for stderr about a path rebound did not expect (an internal fault, another agent re-entering woven
 * code, a re-send that went astray), printed the first time only: the path may recur on every call, and
 * the app's stderr must not flood.
 */
public final class OnceLine {
    private final String line;
    private final AtomicBoolean printed = new AtomicBoolean();

    public OnceLine(String line) {
        this.line = line;
    }

    public void report() {
        if (printed.compareAndSet(false, true)) {
            Log.error(line);
        }
    }

    /** As {@link #report()}, the line followed by {@code ": " + detail} (built only when printed). */
    public void report(Object detail) {
        if (printed.compareAndSet(false, true)) {
            Log.error(line + ": " + detail);
        }
    }
}
