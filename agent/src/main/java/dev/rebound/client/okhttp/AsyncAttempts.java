package dev.rebound.client.okhttp;

import java.io.IOException;

/**
 * Where rebound's stand-in for an app's {@code Callback} sends each attempt's outcome. The stand-in lives
 * in the app's class loader (it implements OkHttp's {@code Callback}); this interface, on the bootstrap
 * path, is what it can see of rebound.
 */
public interface AsyncAttempts {
    /** On an OkHttp dispatcher thread; an exception from the app's own callback passes through. */
    void onResponse(Object call, Object response) throws IOException;

    /** On an OkHttp dispatcher thread, or on the thread whose enqueue the client refused. */
    void onFailure(Object call, IOException failure);
}
