package dev.rebound.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.concurrent.FutureCallback;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.InputStreamEntity;
import org.apache.http.impl.nio.client.CloseableHttpAsyncClient;
import org.apache.http.impl.nio.client.HttpAsyncClients;
import org.apache.http.util.EntityUtils;

/**
 * Calls through one shared Apache HttpAsyncClient 4.1 client with a connection pool of
 * {@code --max-connections}: {@code execute(request, callback)}, then waits on the future the way an app
 * that needs the answer does. A streamed body ({@code --streaming fixed|chunked}) is an
 * {@link InputStreamEntity}, which cannot be sent twice.
 */
final class Apache4AsyncCaller implements Caller {
    private final ClientSettings settings;
    private final CloseableHttpAsyncClient client;

    Apache4AsyncCaller(ClientSettings settings) {
        this.settings = settings;
        RequestConfig config = RequestConfig.custom().setConnectTimeout(settings.timeoutMs())
                .setSocketTimeout(settings.timeoutMs()).setConnectionRequestTimeout(settings.timeoutMs()).build();
        this.client = HttpAsyncClients.custom().setDefaultRequestConfig(config)
                .setMaxConnTotal(settings.maxConnections()).setMaxConnPerRoute(settings.maxConnections()).build();
        client.start();
    }

    @Override
    public Reply call(Request request) throws Exception {
        RequestBuilder builder = RequestBuilder.create(request.method()).setUri(request.uri());
        for (Map.Entry<String, String> header : request.headers()) {
            builder.addHeader(header.getKey(), header.getValue());
        }
        if (request.hasBody()) {
            byte[] body = request.body();
            builder.setEntity(settings.streaming() == StreamingMode.NONE ? new ByteArrayEntity(body)
                    : new InputStreamEntity(new ByteArrayInputStream(body),
                            settings.streaming() == StreamingMode.FIXED ? body.length : -1));
        }
        Future<HttpResponse> future = client.execute(builder.build(), new FutureCallback<HttpResponse>() {
            @Override
            public void completed(HttpResponse result) {
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

    private static Reply toReply(HttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getAllHeaders()) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        return new Reply(response.getStatusLine().getStatusCode(), body, headers);
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
