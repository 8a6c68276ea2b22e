package dev.rebound.client.jdk;

import dev.rebound.client.ResendMarks;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Stands in for the JDK client in the re-sends a {@link JdkCall} makes: each {@code sendAsync} plays the
 * next scripted outcome (a {@link Reply}, a Throwable, {@link #PENDING}: a future left open, or
 * {@link Throws}: thrown by {@code sendAsync} itself, as the JDK's does when its executor refuses).
 */
class ScriptedClient extends HttpClient {
    static final Object PENDING = new Object();

    record Throws(RuntimeException exception) {
    }

    private final Deque<Object> script = new ArrayDeque<>();
    final List<HttpResponse.BodyHandler<?>> handlers = new ArrayList<>();
    final List<HttpResponse.PushPromiseHandler<?>> pushHandlers = new ArrayList<>();
    final List<CompletableFuture<HttpResponse<Object>>> pending = new ArrayList<>();
    private final Executor executor;

    ScriptedClient(Executor executor, Object... outcomes) {
        this.executor = executor;
        script.addAll(List.of(outcomes));
    }

    int resends() {
        return handlers.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushHandler) {
        ResendMarks.Scope<JdkCall> resend = JdkCall.RESENDS.current();
        if (resend != null) {
            resend.entered = true; // what the woven sendAsync's entry hook does for a re-send
        }
        handlers.add(handler);
        pushHandlers.add(pushHandler);
        Object outcome = script.poll();
        if (outcome instanceof Throws) {
            throw ((Throws) outcome).exception();
        }
        CompletableFuture<HttpResponse<Object>> attempt = play(outcome, request, (HttpResponse.BodyHandler<Object>) handler);
        if (outcome == PENDING) {
            pending.add(attempt);
        }
        return (CompletableFuture<HttpResponse<T>>) (CompletableFuture<?>) attempt;
    }

    static CompletableFuture<HttpResponse<Object>> play(Object outcome, HttpRequest request,
                                                        HttpResponse.BodyHandler<Object> handler) {
        if (outcome instanceof Reply) {
            return ((Reply) outcome).deliver(request, handler);
        }
        if (outcome instanceof Throwable) {
            return CompletableFuture.failedFuture((Throwable) outcome);
        }
        if (outcome == PENDING) {
            return new CompletableFuture<>();
        }
        throw new IllegalStateException("script exhausted");
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return sendAsync(request, handler, null);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        throw new UnsupportedOperationException("a JdkCall re-sends through sendAsync only");
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.empty();
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
        return null;
    }

    @Override
    public SSLParameters sslParameters() {
        return null;
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return Version.HTTP_1_1;
    }
}
