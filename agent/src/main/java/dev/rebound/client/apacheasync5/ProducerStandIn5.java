package dev.rebound.client.apacheasync5;

import dev.rebound.client.apacheasync.AsyncCall;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.io.IOException;

/**
 * Stands in for the app's request producer on a call's first attempt, only to see the request as it goes
 * out (a 5.x producer shows it no other way); everything else is the app's producer's.
 */
final class ProducerStandIn5 implements AsyncRequestProducer {
    private final AsyncCall call;
    private final AsyncRequestProducer app;

    ProducerStandIn5(AsyncCall call, AsyncRequestProducer app) {
        this.call = call;
        this.app = app;
    }

    @Override
    public void sendRequest(final RequestChannel channel, HttpContext context) throws HttpException, IOException {
        app.sendRequest(new RequestChannel() {
            @Override
            public void sendRequest(HttpRequest request, EntityDetails entityDetails, HttpContext c)
                    throws HttpException, IOException {
                try {
                    HttpClient5AsyncBridge.describe(call, (HttpHost) call.target, request);
                } catch (RuntimeException e) {
                    call.facts(null, -1, false, null, null, null); // unmanaged: the request goes out as it is
                }
                channel.sendRequest(request, entityDetails, c);
            }
        }, context);
    }

    @Override
    public boolean isRepeatable() {
        return app.isRepeatable();
    }

    @Override
    public void failed(Exception cause) {
        app.failed(cause);
    }

    @Override
    public int available() {
        return app.available();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        app.produce(channel);
    }

    @Override
    public void releaseResources() {
        app.releaseResources();
    }
}
