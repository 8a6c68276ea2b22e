package dev.rebound.client.apacheasync5;

import dev.rebound.client.apacheasync.AsyncAttempt;
import org.apache.hc.core5.concurrent.FutureCallback;

/** The callback the client gets for one attempt: it tells the call, which tells the app's at the end. */
final class CallbackStandIn5 implements FutureCallback<Object> {
    private final AsyncAttempt attempt;

    CallbackStandIn5(AsyncAttempt attempt) {
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
