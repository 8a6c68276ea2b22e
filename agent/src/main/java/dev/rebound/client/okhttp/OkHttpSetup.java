package dev.rebound.client.okhttp;

import dev.rebound.client.BridgeFactory;
import dev.rebound.client.ClientModule;
import dev.rebound.client.ClientSetup;
import dev.rebound.engine.Client;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.weave.ArgumentFilter;
import dev.rebound.weave.HookArg;
import dev.rebound.weave.ReturnFilter;
import dev.rebound.weave.RetryLoop;
import dev.rebound.weave.TypeWeave;

import java.util.ArrayList;
import java.util.List;

/**
 * Installs the OkHttp hooks and says what to weave:
 * <ul>
 * <li>{@code RealCall.execute()}: marks the calling thread while a sync call runs;</li>
 * <li>{@code RealCall.cancel()}: once done, ends an async call that waits for its retry;</li>
 * <li>{@code RetryAndFollowUpInterceptor.intercept(chain)}: a retry loop, for sync calls only, each run one
 *     attempt (OkHttp's own retries and follow-ups included), its returned response judged first;</li>
 * <li>{@code RealCall.enqueue(callback)}: the app's callback replaced by rebound's stand-in.</li>
 * </ul>
 */
public final class OkHttpSetup implements ClientSetup {
    static final String BRIDGE_PACKAGE = "dev/rebound/client/okhttp/bridge/";
    static final String BRIDGE_CLASS = "dev.rebound.client.okhttp.bridge.OkHttp3Bridge";

    private static final String HOOKS = "dev/rebound/client/okhttp/OkHttpHooks";
    private static final String EXECUTE = "()Lokhttp3/Response;";
    private static final String ENQUEUE = "(Lokhttp3/Callback;)V";
    private static final String INTERCEPT = "(Lokhttp3/Interceptor$Chain;)Lokhttp3/Response;";

    public OkHttpSetup() {
        // made by the agent once the client's classes are defined
    }

    @Override
    public void install(ClientModule module, RetryEngine engine, Client client, BridgeFactory bridges) {
        OkHttpHooks.install(new SyncCalls(engine, client), new AsyncCalls(engine, client), bridges);
    }

    @Override
    public List<TypeWeave> weaves(RetryPolicy policy) {
        List<TypeWeave> weaves = new ArrayList<TypeWeave>();
        for (String call : new String[] {OkHttpModule.CALL_3, OkHttpModule.CALL_4}) {
            weaves.add(TypeWeave.builder(call)
                    .retryLoop(new RetryLoop("execute", EXECUTE, HOOKS, "executeEnter",
                            new HookArg[] {HookArg.self()}, "executeExit"))
                    .retryLoop(new RetryLoop("cancel", "()V", HOOKS, "cancelEnter",
                            new HookArg[] {HookArg.self()}, "cancelExit"))
                    .argumentFilter(new ArgumentFilter("enqueue", ENQUEUE, 0, HOOKS, "enqueue",
                            HookArg.ownerClass(), HookArg.self(), HookArg.param(0, "Lokhttp3/Callback;")))
                    .build());
        }
        weaves.add(TypeWeave.builder(OkHttpModule.FOLLOW_UP)
                .retryLoop(new RetryLoop("intercept", INTERCEPT, HOOKS, "enter",
                        new HookArg[] {HookArg.ownerClass(), HookArg.param(0)}, "exit"))
                .returnFilter(new ReturnFilter("intercept", INTERCEPT, HOOKS, "returned"))
                .build());
        return weaves;
    }
}
