package dev.rebound.client.apache;

import dev.rebound.client.BridgeFactory;
import dev.rebound.client.ClientModule;
import dev.rebound.client.ClientSetup;
import dev.rebound.engine.Client;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.weave.EntryFlag;
import dev.rebound.weave.HookArg;
import dev.rebound.weave.RetryLoop;
import dev.rebound.weave.TypeWeave;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Puts the Apache HttpClient hooks in place and says what to weave, for one major version (made once per
 * version's descriptor; both share the hooks).
 *
 * <p>Every {@code execute(...)} overload of {@code CloseableHttpClient}, the response-handler forms
 * included, ends in the one abstract {@code doExecute(target, request, context)}; its implementations are
 * woven, so that one logical call is one run of the loop however many overloads it passed through, and
 * a response handler only ever sees the final response. The classes come from the app's class loaders and
 * are matched by exact name (several loaders may each load their own copy).
 */
public final class ApacheSetup implements ClientSetup {
    private static final String HOOKS = "dev/rebound/client/apache/ApacheHooks";

    private static final String HC4_DO_EXECUTE = "(Lorg/apache/http/HttpHost;Lorg/apache/http/HttpRequest;"
            + "Lorg/apache/http/protocol/HttpContext;)Lorg/apache/http/client/methods/CloseableHttpResponse;";
    private static final String HC5_DO_EXECUTE = "(Lorg/apache/hc/core5/http/HttpHost;"
            + "Lorg/apache/hc/core5/http/ClassicHttpRequest;Lorg/apache/hc/core5/http/protocol/HttpContext;)"
            + "Lorg/apache/hc/client5/http/impl/classic/CloseableHttpResponse;";

    /** The version's client classes, each with its own {@code doExecute}. */
    private String[] classes = new String[0];
    private String doExecute;

    public ApacheSetup() {
        // made by the agent when the first HttpClient class of that version loads
    }

    @Override
    public void install(ClientModule module, RetryEngine engine, Client client, BridgeFactory bridges) {
        if (module.label().equals(ApacheModules.HTTPCLIENT_4)) {
            doExecute = HC4_DO_EXECUTE;
        } else if (module.label().equals(ApacheModules.HTTPCLIENT_5)) {
            doExecute = HC5_DO_EXECUTE;
        } else {
            throw new IllegalArgumentException("not an Apache HttpClient: " + module.label());
        }
        classes = module.targets();
        ApacheHooks.install(new ApacheAdapter(engine), bridges);
    }

    @Override
    public List<TypeWeave> weaves(RetryPolicy policy) {
        RetryLoop loop = new RetryLoop("doExecute", doExecute, HOOKS, "enter",
                new HookArg[] {HookArg.ownerClass(), HookArg.param(0), HookArg.param(1)}, "exit");
        List<TypeWeave> weaves = new ArrayList<TypeWeave>();
        for (String name : classes) {
            weaves.add(TypeWeave.of(name, Collections.singletonList(loop), Collections.<EntryFlag>emptyList()));
        }
        return weaves;
    }
}
