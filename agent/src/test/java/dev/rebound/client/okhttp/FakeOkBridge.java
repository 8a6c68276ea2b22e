package dev.rebound.client.okhttp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** An {@link OkHttpBridge} over plain records, recording what the hooks did to calls and responses. */
final class FakeOkBridge implements OkHttpBridge {
    record Request(String host, int port, String method, List<String> headers, boolean replayable) {
        static Request get(String host) {
            return new Request(host, 80, "GET", List.of(), true);
        }
    }

    record Response(int status, String body) {
    }

    static final class Call {
        final Request request;
        volatile boolean canceled;

        Call(Request request) {
            this.request = request;
        }
    }

    record Chain(Request request, Call call) {
    }

    /** What a callback received: the call and the response or failure. */
    record Delivery(Object call, Object response, IOException failure) {
    }

    final List<String> events = new CopyOnWriteArrayList<>();
    /** What a re-send does with the stand-in; by default nothing (the test answers it). */
    volatile BiConsumer<Call, AsyncAttempts> onResend = (clone, standIn) -> { };

    @Override
    public Object chainRequest(Object chain) {
        return ((Chain) chain).request();
    }

    @Override
    public Object chainCall(Object chain) {
        return ((Chain) chain).call();
    }

    @Override
    public Object callRequest(Object call) {
        return ((Call) call).request;
    }

    @Override
    public String host(Object request) {
        return ((Request) request).host();
    }

    @Override
    public int port(Object request) {
        return ((Request) request).port();
    }

    @Override
    public boolean secure(Object request) {
        return false;
    }

    @Override
    public String authority(Object request) {
        Request r = (Request) request;
        return r.port() == 80 ? r.host() : r.host() + ":" + r.port();
    }

    @Override
    public String method(Object request) {
        return ((Request) request).method();
    }

    @Override
    public String url(Object request) {
        Request r = (Request) request;
        return "http://" + r.host() + ":" + r.port() + "/";
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
        return null;
    }

    @Override
    public Object discard(Object response) {
        events.add("discard " + ((Response) response).status());
        return new Response(((Response) response).status(), ((Response) response).body() + " (kept)");
    }

    @Override
    public void close(Object response) {
        events.add("close " + ((Response) response).status());
    }

    @Override
    public boolean isCanceled(Object call) {
        return ((Call) call).canceled;
    }

    @Override
    public void cancel(Object call) {
        events.add("cancel");
        ((Call) call).canceled = true;
    }

    @Override
    public Object standIn(AsyncAttempts attempts) {
        return attempts;
    }

    @Override
    public Object resend(Object call, Object standIn) {
        Call clone = new Call(((Call) call).request);
        events.add("resend");
        // A real clone().enqueue() passes the woven enqueue on this thread: the hook must claim it.
        Object passed = OkHttpHooks.enqueue(OkHttpHooksTest.class, clone, standIn);
        if (passed != standIn) {
            events.add("re-send wrapped again");
        }
        onResend.accept(clone, (AsyncAttempts) standIn);
        return clone;
    }

    @Override
    public void deliverResponse(Object appCallback, Object call, Object response) {
        ((List<Delivery>) appCallback).add(new Delivery(call, response, null));
    }

    @Override
    public void deliverFailure(Object appCallback, Object call, IOException failure) {
        ((List<Delivery>) appCallback).add(new Delivery(call, null, failure));
    }
}
