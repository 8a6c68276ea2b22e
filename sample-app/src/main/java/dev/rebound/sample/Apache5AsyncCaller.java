package dev.rebound.sample;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;

/**
 * Calls through one shared Apache HttpClient 5 async client with a connection pool of
 * {@code --max-connections} and the client's default retry strategy: {@code execute(SimpleHttpRequest,
 * callback)}, then waits on the future the way an app that needs the answer does. Its bodies are byte
 * arrays (repeatable); {@code --streaming} does not apply.
 */
final class Apache5AsyncCaller implements Caller {
    private final CloseableHttpAsyncClient client;

    Apache5AsyncCaller(ClientSettings settings) {
        Timeout timeout = Timeout.ofMilliseconds(settings.timeoutMs());
        ConnectionConfig connection = ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout)
                .build();
        RequestConfig request = RequestConfig.custom().setConnectionRequestTimeout(timeout)
                .setResponseTimeout(timeout).build();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(settings.maxConnections())
                        .setMaxConnPerRoute(settings.maxConnections())
                        .setDefaultConnectionConfig(connection)
                        .build())
                .setDefaultRequestConfig(request)
                .build();
        client.start();
    }

    @Override
    public Reply call(Request request) throws Exception {
        SimpleRequestBuilder builder = SimpleRequestBuilder.create(request.method()).setUri(request.uri());
        for (Map.Entry<String, String> header : request.headers()) {
            builder.addHeader(header.getKey(), header.getValue());
        }
        if (request.hasBody()) {
            builder.setBody(request.body(), ContentType.APPLICATION_OCTET_STREAM);
        }
        SimpleHttpRequest httpRequest = builder.build();
        Future<SimpleHttpResponse> future = client.execute(httpRequest, new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(SimpleHttpResponse result) {
            }

            @Override
            public void failed(Exception ex) {
            }

            @Override
            public void cancelled() {
            }
        });
        try {
            return toReply(future.get());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    private static Reply toReply(SimpleHttpResponse response) {
        byte[] body = response.getBodyBytes();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        return new Reply(response.getCode(), body == null ? new byte[0] : body, headers);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // closing the pool: nothing left to report
        }
    }
}
