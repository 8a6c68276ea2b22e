package dev.rebound.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.InputStreamEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.util.EntityUtils;

/**
 * Calls through one shared Apache HttpClient 4.5 client with a connection pool of
 * {@code --max-connections}, by {@code execute(request)} or {@code execute(request, handler)}. A streamed
 * body ({@code --streaming fixed|chunked}) is an {@link InputStreamEntity}, which cannot be sent twice.
 * Uses only API that HttpClient 4.3+ has, so the integration tests can run it on older releases.
 */
final class Apache4Caller implements Caller {
    private final ClientSettings settings;
    private final CloseableHttpClient client;

    Apache4Caller(ClientSettings settings) {
        this.settings = settings;
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setMaxTotal(settings.maxConnections());
        pool.setDefaultMaxPerRoute(settings.maxConnections());
        int timeout = settings.timeoutMs();
        RequestConfig config = RequestConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout)
                .setConnectionRequestTimeout(timeout).build();
        this.client = HttpClients.custom().setConnectionManager(pool).setDefaultRequestConfig(config).build();
    }

    @Override
    public Reply call(Request request) throws IOException {
        HttpUriRequest httpRequest = toHttpRequest(request);
        if (settings.entry() == EntryMode.HANDLER) {
            return client.execute(httpRequest, Apache4Caller::toReply);
        }
        try (CloseableHttpResponse response = client.execute(httpRequest)) {
            return toReply(response);
        }
    }

    private HttpUriRequest toHttpRequest(Request request) {
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
        return builder.build();
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
