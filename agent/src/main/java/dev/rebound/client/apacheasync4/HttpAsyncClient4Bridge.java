package dev.rebound.client.apacheasync4;

import dev.rebound.client.apacheasync.AsyncAttempt;
import dev.rebound.client.apacheasync.AsyncBridge;
import dev.rebound.client.apacheasync.AsyncCall;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.concurrent.FutureCallback;
import org.apache.http.nio.client.HttpAsyncClient;
import org.apache.http.nio.protocol.HttpAsyncRequestProducer;
import org.apache.http.nio.protocol.HttpAsyncResponseConsumer;
import org.apache.http.protocol.HttpContext;

import java.net.URI;
import java.util.concurrent.Future;

/**
 * {@link AsyncBridge} for Apache HttpAsyncClient 4.1 ({@code org.apache.http.nio}). Not on the bootstrap
 * path: defined into each class loader that loads the library, so it links against that loader's copy.
 */
public final class HttpAsyncClient4Bridge implements AsyncBridge {
    @Override
    public void describe(AsyncCall call, Object target, Object producer) {
        HttpAsyncRequestProducer p = (HttpAsyncRequestProducer) producer;
        HttpRequest request;
        try {
            // What the client itself asks first; the library's producers hand back the request they hold.
            request = p.generateRequest();
        } catch (Exception e) {
            return; // the client will hear the same failure: the call stays unmanaged
        }
        if (request == null) {
            return;
        }
        String method = request.getRequestLine().getMethod();
        String requestUri = request.getRequestLine().getUri();
        HttpHost host = p.getTarget();
        if (host != null) {
            call.facts(host.getHostName(), host.getPort(), "https".equalsIgnoreCase(host.getSchemeName()), method,
                    requestUri, request);
            return;
        }
        URI uri;
        try {
            uri = URI.create(requestUri);
        } catch (IllegalArgumentException e) {
            return;
        }
        call.facts(uri.getHost(), uri.getPort(), "https".equalsIgnoreCase(uri.getScheme()), method, requestUri,
                request);
    }

    @Override
    public boolean hasHeader(Object request, String name) {
        return ((HttpRequest) request).getFirstHeader(name) != null;
    }

    @Override
    public boolean repeatable(Object producer) {
        return ((HttpAsyncRequestProducer) producer).isRepeatable();
    }

    @Override
    public Object producerFor(AsyncCall call, Object producer) {
        return producer;
    }

    @Override
    public Object consumerFor(AsyncAttempt attempt, Object consumer) {
        return new ConsumerStandIn4<Object>(attempt, (HttpAsyncResponseConsumer<?>) consumer);
    }

    @Override
    public Object callbackFor(AsyncAttempt attempt) {
        return new CallbackStandIn4(attempt);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Future<?> resend(AsyncCall call) throws Exception {
        HttpAsyncRequestProducer producer = (HttpAsyncRequestProducer) call.producer;
        // As the client's own redirect and auth handling do before sending a producer again.
        producer.resetRequest();
        return ((HttpAsyncClient) call.httpClient).execute(producer,
                (HttpAsyncResponseConsumer<Object>) call.consumer, (HttpContext) call.context, null);
    }

    @Override
    public boolean cancelAnswer() {
        // as 4.1's FutureWrapper, which cancels the exchange (settling the future) before it asks the future
        return false;
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
