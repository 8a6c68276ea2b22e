package dev.rebound.client.apache5;

import dev.rebound.client.apache.ApacheBridge;
import dev.rebound.client.apache.ResponseDrain;
import dev.rebound.engine.Client;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.net.URIAuthority;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@link ApacheBridge} for Apache HttpClient 5 classic ({@code org.apache.hc.client5}). Not on the
 * bootstrap path: the agent defines this class into each class loader that loads HttpClient 5, so it
 * links against that loader's copy. Uses only API that every 5.x release has.
 */
public final class Apache5Bridge implements ApacheBridge, ResponseDrain.Body {
    private static final Client CLIENT = Client.named("apache-httpclient-5");
    @Override
    public Client client() {
        return CLIENT;
    }

    @Override
    public String host(Object target, Object request) {
        if (target != null) {
            return ((HttpHost) target).getHostName();
        }
        URIAuthority authority = ((HttpRequest) request).getAuthority();
        return authority == null ? null : authority.getHostName();
    }

    @Override
    public int port(Object target, Object request) {
        if (target != null) {
            return ((HttpHost) target).getPort();
        }
        URIAuthority authority = ((HttpRequest) request).getAuthority();
        return authority == null ? -1 : authority.getPort();
    }

    @Override
    public boolean secure(Object target, Object request) {
        String scheme = target != null ? ((HttpHost) target).getSchemeName() : ((HttpRequest) request).getScheme();
        return "https".equalsIgnoreCase(scheme);
    }

    @Override
    public String method(Object request) {
        return ((HttpRequest) request).getMethod();
    }

    @Override
    public String target(Object request) {
        return ((HttpRequest) request).getPath(); // path and query as held; getUri() would build a URI
    }

    @Override
    public boolean hasHeader(Object request, String name) {
        return ((HttpRequest) request).containsHeader(name);
    }

    @Override
    public boolean replayable(Object request) {
        HttpEntity entity = ((ClassicHttpRequest) request).getEntity();
        return entity == null || entity.isRepeatable();
    }

    @Override
    public int status(Object response) {
        return ((HttpResponse) response).getCode();
    }

    @Override
    public String header(Object response, String name) {
        Header header = ((HttpResponse) response).getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    @Override
    public boolean discard(Object response) {
        return ResponseDrain.discard(response, this);
    }

    @Override
    public InputStream content(Object response) throws IOException {
        HttpEntity entity = ((ClassicHttpResponse) response).getEntity();
        return entity == null ? null : entity.getContent();
    }

    @Override
    public long declaredLength(Object response) {
        return ((ClassicHttpResponse) response).getEntity().getContentLength();
    }

    @Override
    public void keep(Object response, byte[] body) {
        ClassicHttpResponse r = (ClassicHttpResponse) response;
        HttpEntity original = r.getEntity();
        ContentType type = null;
        try {
            type = original.getContentType() == null ? null : ContentType.parse(original.getContentType());
        } catch (RuntimeException e) {
            // an unparsable Content-Type is dropped from the kept copy
        }
        r.setEntity(new ByteArrayEntity(body, type, original.getContentEncoding()));
    }

    @Override
    public void abort(InputStream content) throws IOException {
        if (content instanceof EofSensorInputStream) {
            // Closing would read the rest of the body first; abort drops the connection instead.
            ((EofSensorInputStream) content).abort();
        }
    }

    /**
     * {@code MinimalHttpClient} adds {@code Content-Length} or {@code Transfer-Encoding} to the app's own
     * request object, and refuses to send a request that has either. Neither can have been set by the app
     * (the first attempt would have been refused too), so removing them restores the request as it was.
     */
    @Override
    public void beforeRetry(Object request) {
        ClassicHttpRequest r = (ClassicHttpRequest) request;
        if (r.getEntity() != null) {
            r.removeHeaders(HttpHeaders.CONTENT_LENGTH);
            r.removeHeaders(HttpHeaders.TRANSFER_ENCODING);
        }
    }

    @Override
    public void setHeader(Object request, String name, String value) {
        ((HttpRequest) request).setHeader(name, value);
    }
}
