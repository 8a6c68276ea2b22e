package dev.rebound.client.apache4;

import dev.rebound.client.apache.ApacheBridge;
import dev.rebound.client.apache.ResponseDrain;
import dev.rebound.engine.Client;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.conn.ConnectionReleaseTrigger;
import org.apache.http.entity.ByteArrayEntity;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * {@link ApacheBridge} for Apache HttpClient 4.3 to 4.5 ({@code org.apache.http}). Not on the bootstrap
 * path: the agent defines this class into each class loader that loads HttpClient 4, so it links against
 * that loader's copy. Uses only API that every 4.3+ release has.
 */
public final class Apache4Bridge implements ApacheBridge, ResponseDrain.Body {
    private static final Client CLIENT = Client.named("apache-httpclient-4");
    @Override
    public Client client() {
        return CLIENT;
    }

    @Override
    public String host(Object target, Object request) {
        if (target != null) {
            return ((HttpHost) target).getHostName();
        }
        URI uri = uri(request);
        return uri == null ? null : uri.getHost();
    }

    @Override
    public int port(Object target, Object request) {
        if (target != null) {
            return ((HttpHost) target).getPort();
        }
        URI uri = uri(request);
        return uri == null ? -1 : uri.getPort();
    }

    @Override
    public boolean secure(Object target, Object request) {
        String scheme = target != null ? ((HttpHost) target).getSchemeName() : uri(request) != null ? uri(request).getScheme() : null;
        return "https".equalsIgnoreCase(scheme);
    }

    private static URI uri(Object request) {
        return request instanceof HttpUriRequest ? ((HttpUriRequest) request).getURI() : null;
    }

    @Override
    public String method(Object request) {
        // HttpUriRequest.getMethod() returns a constant; getRequestLine() builds an object on every call.
        return request instanceof HttpUriRequest
                ? ((HttpUriRequest) request).getMethod() : ((HttpRequest) request).getRequestLine().getMethod();
    }

    @Override
    public String target(Object request) {
        URI uri = uri(request);
        // A URI keeps its raw path; getRequestLine() builds an object, so only a request without a URI pays it.
        return uri != null ? uri.getRawPath() : ((HttpRequest) request).getRequestLine().getUri();
    }

    @Override
    public boolean hasHeader(Object request, String name) {
        return ((HttpRequest) request).containsHeader(name);
    }

    @Override
    public boolean replayable(Object request) {
        if (!(request instanceof HttpEntityEnclosingRequest)) {
            return true;
        }
        HttpEntity entity = ((HttpEntityEnclosingRequest) request).getEntity();
        return entity == null || entity.isRepeatable();
    }

    @Override
    public int status(Object response) {
        return ((HttpResponse) response).getStatusLine().getStatusCode();
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
        HttpEntity entity = ((HttpResponse) response).getEntity();
        return entity == null ? null : entity.getContent();
    }

    @Override
    public long declaredLength(Object response) {
        return ((HttpResponse) response).getEntity().getContentLength();
    }

    @Override
    public void keep(Object response, byte[] body) {
        HttpResponse r = (HttpResponse) response;
        HttpEntity original = r.getEntity();
        ByteArrayEntity copy = new ByteArrayEntity(body);
        copy.setContentType(original.getContentType());
        copy.setContentEncoding(original.getContentEncoding());
        r.setEntity(copy);
    }

    @Override
    public void abort(InputStream content) throws IOException {
        if (content instanceof ConnectionReleaseTrigger) {
            ((ConnectionReleaseTrigger) content).abortConnection();
        }
    }

    @Override
    public void beforeRetry(Object request) {
        // HttpClient 4 sends a copy of the app's request (HttpRequestWrapper): nothing to undo.
    }

    @Override
    public void setHeader(Object request, String name, String value) {
        ((HttpRequest) request).setHeader(name, value);
    }
}
