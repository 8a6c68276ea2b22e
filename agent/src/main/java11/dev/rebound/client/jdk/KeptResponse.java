package dev.rebound.client.jdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** An attempt's response, read and kept by rebound, with the body the app's own handler made of it. */
final class KeptResponse implements HttpResponse<Object> {
    private final HttpResponse<Object> attempt;
    private final Object body;

    KeptResponse(HttpResponse<Object> attempt, Object body) {
        this.attempt = attempt;
        this.body = body;
    }

    @Override
    public int statusCode() {
        return attempt.statusCode();
    }

    @Override
    public HttpRequest request() {
        return attempt.request();
    }

    @Override
    public Optional<HttpResponse<Object>> previousResponse() {
        return attempt.previousResponse();
    }

    @Override
    public HttpHeaders headers() {
        return attempt.headers();
    }

    @Override
    public Object body() {
        return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return attempt.sslSession();
    }

    @Override
    public URI uri() {
        return attempt.uri();
    }

    @Override
    public HttpClient.Version version() {
        return attempt.version();
    }

    @Override
    public String toString() {
        return attempt.toString();
    }
}
