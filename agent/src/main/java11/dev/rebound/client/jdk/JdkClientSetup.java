package dev.rebound.client.jdk;

import dev.rebound.client.BridgeFactory;
import dev.rebound.client.ClientModule;
import dev.rebound.client.ClientSetup;
import dev.rebound.engine.Client;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.weave.ArgumentFilter;
import dev.rebound.weave.EntryFlag;
import dev.rebound.weave.HookArg;
import dev.rebound.weave.ReturnFilter;
import dev.rebound.weave.TypeWeave;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Puts the JDK {@code HttpClient} hooks in place (Java 11+; they live in the platform class loader) and
 * says what to weave.
 *
 * <p>{@code HttpClientImpl.sendAsync(request, handler, pushHandler, executor)} is the one method behind
 * {@code send} and both public {@code sendAsync} overloads. Its handler parameter is replaced at entry by
 * the call's stand-in handler, and the future it returns by the future of the whole call. In
 * {@code MultiExchange.responseAsync} a flag switches off the JDK's own one-time re-send while rebound
 * re-sends resets for the call (the field was renamed between JDK versions).
 */
public final class JdkClientSetup implements ClientSetup {
    private static final String HOOKS = "dev/rebound/client/jdk/JdkClientHooks";
    private static final String REQUEST = "Ljava/net/http/HttpRequest;";
    private static final String HANDLER = "Ljava/net/http/HttpResponse$BodyHandler;";
    private static final String PUSH_HANDLER = "Ljava/net/http/HttpResponse$PushPromiseHandler;";
    private static final String EXECUTOR = "Ljava/util/concurrent/Executor;";
    private static final String SEND_ASYNC = "(" + REQUEST + HANDLER + PUSH_HANDLER + EXECUTOR
            + ")Ljava/util/concurrent/CompletableFuture;";

    public JdkClientSetup() {
        // made by the agent when the client's first class loads
    }

    @Override
    public void install(ClientModule module, RetryEngine engine, Client client, BridgeFactory bridges) {
        JdkClientHooks.install(engine);
    }

    /**
     * Only when {@code reset} is in {@code retry-on} at start-up (in observe mode too, so that switching to
     * retry later needs no new weaving; the per-call switch stays off there) is the JDK's own re-send switched off, and only then is
     * {@code MultiExchange} woven at all.
     */
    @Override
    public List<TypeWeave> weaves(RetryPolicy policy) {
        TypeWeave client = TypeWeave.builder(JdkClientModule.CLIENT_IMPL)
                .argumentFilter(new ArgumentFilter("sendAsync", SEND_ASYNC, 1, HOOKS, "handler",
                        HookArg.field("facadeRef", "Ljava/lang/ref/WeakReference;"), HookArg.self(),
                        HookArg.param(0, REQUEST), HookArg.param(1, HANDLER), HookArg.param(2, PUSH_HANDLER),
                        HookArg.param(3, EXECUTOR)))
                .returnFilter(new ReturnFilter("sendAsync", SEND_ASYNC, HOOKS, "future", HookArg.param(1, HANDLER)))
                .build();
        if (!policy.isRetryable(FailureKind.RESET)) {
            return Collections.singletonList(client);
        }
        TypeWeave exchange = TypeWeave.builder(JdkClientModule.MULTI_EXCHANGE)
                .entryFlag(new EntryFlag("responseAsync", HOOKS, "suppressJdkRetry",
                        new HookArg[] {HookArg.field("responseHandler", HANDLER)}, "retriedOnce", "expiredOnce"))
                .build();
        return Arrays.asList(client, exchange);
    }
}
