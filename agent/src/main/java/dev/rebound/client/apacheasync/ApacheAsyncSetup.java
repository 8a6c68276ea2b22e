package dev.rebound.client.apacheasync;

import dev.rebound.client.BridgeFactory;
import dev.rebound.client.ClientModule;
import dev.rebound.client.ClientSetup;
import dev.rebound.engine.Client;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.weave.ArgumentFilter;
import dev.rebound.weave.HookArg;
import dev.rebound.weave.ReturnFilter;
import dev.rebound.weave.TypeWeave;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts the Apache async hooks in place for one client and says what to weave.
 *
 * <p>Every {@code execute(...)} form ends in one method per client class: 4.1's
 * {@code execute(HttpAsyncRequestProducer, HttpAsyncResponseConsumer, HttpContext, FutureCallback)} and
 * 5.x's {@code doExecute(HttpHost, AsyncRequestProducer, AsyncResponseConsumer, HandlerFactory, HttpContext,
 * FutureCallback)}. At its entry the consumer, producer and callback are replaced by the attempt's
 * stand-ins (argument filters, in that order: the first opens the attempt), and the future it returns by
 * the whole call's.
 */
public final class ApacheAsyncSetup implements ClientSetup {
    private static final String HOOKS = "dev/rebound/client/apacheasync/ApacheAsyncHooks";

    private static final String HC4_EXECUTE = "(Lorg/apache/http/nio/protocol/HttpAsyncRequestProducer;"
            + "Lorg/apache/http/nio/protocol/HttpAsyncResponseConsumer;Lorg/apache/http/protocol/HttpContext;"
            + "Lorg/apache/http/concurrent/FutureCallback;)Ljava/util/concurrent/Future;";
    private static final String HC5_DO_EXECUTE = "(Lorg/apache/hc/core5/http/HttpHost;"
            + "Lorg/apache/hc/core5/http/nio/AsyncRequestProducer;Lorg/apache/hc/core5/http/nio/AsyncResponseConsumer;"
            + "Lorg/apache/hc/core5/http/nio/HandlerFactory;Lorg/apache/hc/core5/http/protocol/HttpContext;"
            + "Lorg/apache/hc/core5/concurrent/FutureCallback;)Ljava/util/concurrent/Future;";

    private static final String[] HC4_PARAMS = {"Lorg/apache/http/nio/protocol/HttpAsyncRequestProducer;",
            "Lorg/apache/http/nio/protocol/HttpAsyncResponseConsumer;", "Lorg/apache/http/protocol/HttpContext;",
            "Lorg/apache/http/concurrent/FutureCallback;"};
    private static final String[] HC5_PARAMS = {"Lorg/apache/hc/core5/http/HttpHost;",
            "Lorg/apache/hc/core5/http/nio/AsyncRequestProducer;", "Lorg/apache/hc/core5/http/nio/AsyncResponseConsumer;",
            "Lorg/apache/hc/core5/http/nio/HandlerFactory;", "Lorg/apache/hc/core5/http/protocol/HttpContext;",
            "Lorg/apache/hc/core5/concurrent/FutureCallback;"};

    private boolean version5;
    private String[] classes = new String[0];

    public ApacheAsyncSetup() {
        // made by the agent when the client's first target class loads
    }

    @Override
    public void install(ClientModule module, RetryEngine engine, Client client, BridgeFactory bridges) {
        if (module.label().equals(ApacheAsyncModules.HTTPASYNCCLIENT_4)) {
            version5 = false;
        } else if (module.label().equals(ApacheAsyncModules.HTTPCLIENT_5_ASYNC)) {
            version5 = true;
        } else {
            throw new IllegalArgumentException("not an Apache async client: " + module.label());
        }
        classes = module.targets();
        ApacheAsyncHooks.install(version5, new ApacheAsyncAdapter(engine, client), bridges);
    }

    @Override
    public List<TypeWeave> weaves(RetryPolicy policy) {
        List<TypeWeave> weaves = new ArrayList<TypeWeave>();
        for (String name : classes) {
            TypeWeave.Builder b = TypeWeave.builder(name);
            if (version5) {
                b.argumentFilter(new ArgumentFilter("doExecute", HC5_DO_EXECUTE, 2, HOOKS, "begin5",
                        HookArg.ownerClass(), HookArg.self(), p(0), p(1), p(2),
                        p(3), p(4), p(5)))
                        .argumentFilter(new ArgumentFilter("doExecute", HC5_DO_EXECUTE, 1, HOOKS, "producer",
                                p(1)))
                        .argumentFilter(new ArgumentFilter("doExecute", HC5_DO_EXECUTE, 5, HOOKS, "callback",
                                p(5)))
                        .returnFilter(new ReturnFilter("doExecute", HC5_DO_EXECUTE, HOOKS, "future"));
            } else {
                b.argumentFilter(new ArgumentFilter("execute", HC4_EXECUTE, 1, HOOKS, "begin4",
                        HookArg.ownerClass(), HookArg.self(), p(0), p(1), p(2),
                        p(3)))
                        .argumentFilter(new ArgumentFilter("execute", HC4_EXECUTE, 3, HOOKS, "callback",
                                p(3)))
                        .returnFilter(new ReturnFilter("execute", HC4_EXECUTE, HOOKS, "future"));
            }
            weaves.add(b.build());
        }
        return weaves;
    }

    private HookArg p(int index) {
        return HookArg.param(index, (version5 ? HC5_PARAMS : HC4_PARAMS)[index]);
    }
}
