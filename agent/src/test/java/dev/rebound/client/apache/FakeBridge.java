package dev.rebound.client.apache;

import dev.rebound.engine.Client;
import java.util.ArrayList;
import java.util.List;

/** An {@link ApacheBridge} over plain test objects, recording what the adapter does to them. */
final class FakeBridge implements ApacheBridge {
    /** A response: its status and Retry-After. */
    record Response(int status, String retryAfter) {
    }

    /** A request: target host and port, method, headers present, whether its body can be replayed. */
    record Request(String host, int port, String method, List<String> headers, boolean replayable) {
        static Request get(String host) {
            return new Request(host, -1, "GET", List.of(), true);
        }
    }

    final List<String> events = new ArrayList<>();
    /** What {@link #discard} says: false as for a body too long to read, whose connection is aborted. */
    boolean pools = true;

    @Override
    public Client client() {
        return Client.named("apache-httpclient-5");
    }

    @Override
    public String host(Object target, Object request) {
        return ((Request) request).host();
    }

    @Override
    public int port(Object target, Object request) {
        return ((Request) request).port();
    }

    @Override
    public boolean secure(Object target, Object request) {
        return false;
    }

    @Override
    public String method(Object request) {
        return ((Request) request).method();
    }

    @Override
    public String target(Object request) {
        return "/";
    }

    @Override
    public boolean hasHeader(Object request, String name) {
        return ((Request) request).headers().contains(name);
    }

    @Override
    public boolean replayable(Object request) {
        return ((Request) request).replayable();
    }

    @Override
    public int status(Object response) {
        return ((Response) response).status();
    }

    @Override
    public String header(Object response, String name) {
        return name.equals("Retry-After") ? ((Response) response).retryAfter() : null;
    }

    @Override
    public boolean discard(Object response) {
        events.add("discard " + ((Response) response).status());
        return pools;
    }

    @Override
    public void beforeRetry(Object request) {
        events.add("beforeRetry");
    }

    @Override
    public void setHeader(Object request, String name, String value) {
    }
}
