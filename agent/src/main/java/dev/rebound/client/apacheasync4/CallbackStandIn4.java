package dev.rebound.client.apacheasync4;

import dev.rebound.client.apacheasync.AsyncAttempt;
import org.apache.http.concurrent.FutureCallback;

/** The callback the client gets for one attempt: it tells the call, which tells the app's at the end. */
final class CallbackStandIn4 implements FutureCallback<Object> {
    private final AsyncAttempt attempt;

    CallbackStandIn4(AsyncAttempt attempt) {
        this.attempt = attempt;
    }

    @Override
    public void completed(Object result) {
        attempt.completed(result);
    }

    @Override
    public void failed(Exception cause) {
        attempt.failed(cause);
    }

    @Override
    public void cancelled() {
        attempt.cancelled();
    }
}
