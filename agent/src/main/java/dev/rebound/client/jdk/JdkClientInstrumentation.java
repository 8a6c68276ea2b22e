package dev.rebound.client.jdk;

import dev.rebound.weave.ArgumentFilter;
import dev.rebound.weave.EntryFlag;
import dev.rebound.weave.HookArg;
import dev.rebound.weave.ReturnFilter;
import dev.rebound.weave.TypeWeave;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What to weave for the JDK {@code HttpClient} (Java 11+). Stays on the agent's side of the class loader
 * split (the name ends in Instrumentation) and is compiled for Java 8 like the rest of the agent; the hooks
 * it names are compiled for Java 11 and live in the platform class loader.
 *
 * <p>{@code HttpClientImpl.sendAsync(request, handler, pushHandler, executor)} is the one method behind
 * {@code send} and both public {@code sendAsync} overloads. Its handler parameter is replaced at entry by
 * the call's stand-in handler, and the future it returns by the future of the whole call. In
 * {@code MultiExchange.responseAsync} a flag switches off the JDK's own one-time re-send while rebound
 * re-sends resets for the call (the field was renamed between JDK versions).
 */
public final class JdkClientInstrumentation {
    public static final String NAME = "jdk-http-client";
    /** The class that must exist for this instrumentation to apply (Java 11+, module {@code java.net.http}). */
    public static final String API_CLASS = "java.net.http.HttpClient";
    public static final String MODULE = "java.net.http";
    public static final String HOOKS_CLASS = "dev.rebound.client.jdk.JdkClientHooks";
    private static final String HOOKS = HOOKS_CLASS.replace('.', '/');
    private static final String REQUEST = "Ljava/net/http/HttpRequest;";
    private static final String HANDLER = "Ljava/net/http/HttpResponse$BodyHandler;";
    private static final String PUSH_HANDLER = "Ljava/net/http/HttpResponse$PushPromiseHandler;";
    private static final String EXECUTOR = "Ljava/util/concurrent/Executor;";
    private static final String SEND_ASYNC = "(" + REQUEST + HANDLER + PUSH_HANDLER + EXECUTOR
            + ")Ljava/util/concurrent/CompletableFuture;";

    private JdkClientInstrumentation() {
    }

    /**
     * @param resendsResets whether rebound may re-send after a reset; only then is the JDK's own re-send
     *                      switched off, and only then is {@code MultiExchange} woven at all
     */
    public static List<TypeWeave> weaves(boolean resendsResets) {
        TypeWeave client = TypeWeave.builder("jdk/internal/net/http/HttpClientImpl")
                .argumentFilter(new ArgumentFilter("sendAsync", SEND_ASYNC, 1, HOOKS, "handler",
                        HookArg.field("facadeRef", "Ljava/lang/ref/WeakReference;"), HookArg.self(),
                        HookArg.param(0, REQUEST), HookArg.param(1, HANDLER), HookArg.param(2, PUSH_HANDLER),
                        HookArg.param(3, EXECUTOR)))
                .returnFilter(new ReturnFilter("sendAsync", SEND_ASYNC, HOOKS, "future", HookArg.param(1, HANDLER)))
                .build();
        if (!resendsResets) {
            return Collections.singletonList(client);
        }
        TypeWeave exchange = TypeWeave.builder("jdk/internal/net/http/MultiExchange")
                .entryFlag(new EntryFlag("responseAsync", HOOKS, "suppressJdkRetry",
                        new HookArg[] {HookArg.field("responseHandler", HANDLER)}, "retriedOnce", "expiredOnce"))
                .build();
        return Arrays.asList(client, exchange);
    }
}
