package dev.rebound.client.apache;

import dev.rebound.weave.EntryFlag;
import dev.rebound.weave.HookArg;
import dev.rebound.weave.RetryLoop;
import dev.rebound.weave.TypeWeave;
import dev.rebound.engine.Client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What to weave for Apache HttpClient. Stays on the agent's side of the class loader split (the name ends
 * in Instrumentation).
 *
 * <p>Every {@code execute(...)} overload of {@code CloseableHttpClient}, the response-handler forms
 * included, ends in the one abstract {@code doExecute(target, request, context)}; its implementations are
 * woven, so that one logical call is one run of the loop however many overloads it passed through, and
 * a response handler only ever sees the final response. The classes come from the app's class loaders and
 * are matched by exact name (several loaders may each load their own copy).
 */
public final class ApacheInstrumentation {
    private static final String HOOKS = "dev/rebound/client/apache/ApacheHooks";

    private static final String HC4_DO_EXECUTE = "(Lorg/apache/http/HttpHost;Lorg/apache/http/HttpRequest;"
            + "Lorg/apache/http/protocol/HttpContext;)Lorg/apache/http/client/methods/CloseableHttpResponse;";
    /** The builder's client, {@code createMinimal()}'s, and the deprecated {@code DefaultHttpClient} family's. */
    private static final String[] HC4_CLIENTS = {
        "org/apache/http/impl/client/InternalHttpClient",
        "org/apache/http/impl/client/MinimalHttpClient",
        "org/apache/http/impl/client/AbstractHttpClient"
    };

    private static final String HC5_DO_EXECUTE = "(Lorg/apache/hc/core5/http/HttpHost;"
            + "Lorg/apache/hc/core5/http/ClassicHttpRequest;Lorg/apache/hc/core5/http/protocol/HttpContext;)"
            + "Lorg/apache/hc/client5/http/impl/classic/CloseableHttpResponse;";
    private static final String[] HC5_CLIENTS = {
        "org/apache/hc/client5/http/impl/classic/InternalHttpClient",
        "org/apache/hc/client5/http/impl/classic/MinimalHttpClient"
    };

    private ApacheInstrumentation() {
    }

    /** @param client {@code apache-httpclient-4} or {@code apache-httpclient-5} */
    public static List<TypeWeave> weaves(Client client) {
        if (client.label().equals("apache-httpclient-4")) {
            return weaves(HC4_CLIENTS, HC4_DO_EXECUTE);
        }
        if (client.label().equals("apache-httpclient-5")) {
            return weaves(HC5_CLIENTS, HC5_DO_EXECUTE);
        }
        throw new IllegalArgumentException("not an Apache HttpClient: " + client);
    }

    private static List<TypeWeave> weaves(String[] classes, String doExecute) {
        RetryLoop loop = new RetryLoop("doExecute", doExecute, HOOKS, "enter",
                new HookArg[] {HookArg.ownerClass(), HookArg.param(0), HookArg.param(1)}, "exit");
        List<TypeWeave> weaves = new ArrayList<TypeWeave>();
        for (String name : classes) {
            weaves.add(TypeWeave.of(name, Collections.singletonList(loop), Collections.<EntryFlag>emptyList()));
        }
        return weaves;
    }
}
