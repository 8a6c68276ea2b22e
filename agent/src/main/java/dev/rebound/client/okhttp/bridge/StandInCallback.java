package dev.rebound.client.okhttp.bridge;

import dev.rebound.client.okhttp.AsyncAttempts;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

import java.io.IOException;

/**
 * What OkHttp calls back instead of the app's {@code Callback} for a call rebound manages: every attempt
 * comes here, and only the final one reaches the app's callback, exactly once.
 */
public final class StandInCallback implements Callback {
    private final AsyncAttempts attempts;

    public StandInCallback(AsyncAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    public void onResponse(Call call, Response response) throws IOException {
        attempts.onResponse(call, response);
    }

    @Override
    public void onFailure(Call call, IOException e) {
        attempts.onFailure(call, e);
    }

    @Override
    public String toString() {
        return "rebound retrying " + attempts;
    }
}
