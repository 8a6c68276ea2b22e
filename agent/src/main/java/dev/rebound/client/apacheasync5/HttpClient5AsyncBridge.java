package dev.rebound.client.apacheasync5;

import dev.rebound.client.apacheasync.AsyncAttempt;
import dev.rebound.client.apacheasync.AsyncBridge;
import dev.rebound.client.apacheasync.AsyncCall;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncPushConsumer;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.HandlerFactory;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.URIAuthority;

import java.util.concurrent.Future;

/**
 * {@link AsyncBridge} for Apache HttpClient 5.x's async API. Not on the bootstrap path: defined into each
 * class loader that loads the library, so it links against that loader's copy. Uses only API that every
 * 5.1+ release has.
 */
public final class HttpClient5AsyncBridge implements AsyncBridge {
    @Override
    public void describe(AsyncCall call, Object target, Object producer) {
        // A 5.x producer shows its request only as it sends it: ProducerStandIn5 reports it then.
    }

    /** The facts of the request the producer is sending; {@code target} is the call's, possibly null. */
    static void describe(AsyncCall call, HttpHost target, HttpRequest request) {
        String method = request.getMethod();
        if (target != null) {
            call.facts(target.getHostName(), target.getPort(), "https".equalsIgnoreCase(target.getSchemeName()),
                    method, request.getPath(), request);
            return;
        }
        URIAuthority authority = request.getAuthority();
        if (authority == null) {
            call.facts(null, -1, false, method, null, null);
            return;
        }
        call.facts(authority.getHostName(), authority.getPort(), "https".equalsIgnoreCase(request.getScheme()),
                method, request.getPath(), request);
    }

    @Override
    public boolean hasHeader(Object request, String name) {
        return ((HttpRequest) request).getFirstHeader(name) != null;
    }

    @Override
    public boolean repeatable(Object producer) {
        return ((AsyncRequestProducer) producer).isRepeatable();
    }

    @Override
    public Object producerFor(AsyncCall call, Object producer) {
        return new ProducerStandIn5(call, (AsyncRequestProducer) producer);
    }

    @Override
    public Object consumerFor(AsyncAttempt attempt, Object consumer) {
        return new ConsumerStandIn5<Object>(attempt, (AsyncResponseConsumer<?>) consumer);
    }

    @Override
    public Object callbackFor(AsyncAttempt attempt) {
        return new CallbackStandIn5(attempt);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Future<?> resend(AsyncCall call) {
        // The producer was released at the end of the attempt (as before the client's own retries): it starts over.
        return ((CloseableHttpAsyncClient) call.httpClient).execute((HttpHost) call.target,
                (AsyncRequestProducer) call.producer, (AsyncResponseConsumer<Object>) call.consumer,
                (HandlerFactory<AsyncPushConsumer>) call.pushHandlers, (HttpContext) call.context, null);
    }

    @Override
    public boolean cancelAnswer() {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void completed(Object appCallback, Object result) {
        if (appCallback != null) {
            ((FutureCallback<Object>) appCallback).completed(result);
        }
    }

    @Override
    public void failed(Object appCallback, Exception cause) {
        if (appCallback != null) {
            ((FutureCallback<?>) appCallback).failed(cause);
        }
    }

    @Override
    public void cancelled(Object appCallback) {
        if (appCallback != null) {
            ((FutureCallback<?>) appCallback).cancelled();
        }
    }
}
