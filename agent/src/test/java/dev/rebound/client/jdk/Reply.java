package dev.rebound.client.jdk;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLSession;

/** A scripted server answer; {@link #deliver} plays it to a body handler the way the JDK client does. */
record Reply(int status, String body, Map<String, List<String>> headers) {
    static Reply of(int status, String body) {
        return new Reply(status, body, Map.of());
    }

    static Reply of(int status, String body, String header, String value) {
        return new Reply(status, body, Map.of(header, List.of(value)));
    }

    /** Headers to the handler, the body to its subscriber, and a response once the subscriber has a body. */
    CompletableFuture<HttpResponse<Object>> deliver(HttpRequest request, HttpResponse.BodyHandler<Object> handler) {
        HttpHeaders httpHeaders = HttpHeaders.of(headers, (name, value) -> true);
        HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpHeaders headers() {
                return httpHeaders;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
        HttpResponse.BodySubscriber<Object> subscriber = handler.apply(info);
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        subscriber.onNext(List.of(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8))));
        subscriber.onComplete();
        return subscriber.getBody().toCompletableFuture()
                .thenApply(b -> new Response(status, httpHeaders, b, request));
    }

    record Response(int statusCode, HttpHeaders headers, Object body, HttpRequest request) implements HttpResponse<Object> {
        @Override
        public Optional<HttpResponse<Object>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
