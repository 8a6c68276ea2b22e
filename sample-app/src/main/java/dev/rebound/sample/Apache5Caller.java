package dev.rebound.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Calls through one shared Apache HttpClient 5 classic client with a connection pool of
 * {@code --max-connections} and the client's default retry strategy, by {@code execute(request)} or
 * {@code execute(request, handler)}. A streamed body ({@code --streaming fixed|chunked}) is an
 * {@link InputStreamEntity}, which cannot be sent twice. Uses only API that HttpClient 5.2+ has, so the
 * integration tests can run it on older releases.
 */
final class Apache5Caller implements Caller {
    private final ClientSettings settings;
    private final CloseableHttpClient client;

    Apache5Caller(ClientSettings settings) {
        this.settings = settings;
        Timeout timeout = Timeout.ofMilliseconds(settings.timeoutMs());
        ConnectionConfig connection = ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout)
                .build();
        RequestConfig request = RequestConfig.custom().setConnectionRequestTimeout(timeout)
                .setResponseTimeout(timeout).build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(settings.maxConnections())
                        .setMaxConnPerRoute(settings.maxConnections())
                        .setDefaultConnectionConfig(connection)
                        .build())
                .setDefaultRequestConfig(request)
                .build();
    }

    @Override
    @SuppressWarnings("deprecation") // execute(request) is what legacy code calls
    public Reply call(Request request) throws IOException {
        ClassicHttpRequest httpRequest = toHttpRequest(request);
        if (settings.entry() == EntryMode.HANDLER) {
            return client.execute(httpRequest, Apache5Caller::toReply);
        }
        try (ClassicHttpResponse response = client.execute(httpRequest)) {
            return toReply(response);
        }
    }

    private ClassicHttpRequest toHttpRequest(Request request) {
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(request.method()).setUri(request.uri());
        for (Map.Entry<String, String> header : request.headers()) {
            builder.addHeader(header.getKey(), header.getValue());
        }
        if (request.hasBody()) {
            byte[] body = request.body();
            ContentType type = null; // the app's own Content-Type header, if any, is what goes out
            builder.setEntity(settings.streaming() == StreamingMode.NONE ? new ByteArrayEntity(body, type)
                    : new InputStreamEntity(new ByteArrayInputStream(body),
                            settings.streaming() == StreamingMode.FIXED ? body.length : -1, type));
        }
        return builder.build();
    }

    private static Reply toReply(ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        return new Reply(response.getCode(), body, headers);
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
