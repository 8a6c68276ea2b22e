package dev.rebound.client.apacheasync;

import dev.rebound.client.ClientModule;

/**
 * Apache HttpAsyncClient 4.1 ({@code org.apache.http.impl.nio.client}) and HttpClient 5.x's async API
 * ({@code org.apache.hc.client5.http.impl.async}): two clients with one call model, each with its own
 * stand-ins defined into the class loaders that load it.
 */
public final class ApacheAsyncModules {
    static final String HTTPASYNCCLIENT_4 = "apache-httpasyncclient-4";
    static final String HTTPCLIENT_5_ASYNC = "apache-httpclient-5-async";

    public static final ClientModule HTTPASYNCCLIENT_4_MODULE = ClientModule.builder(HTTPASYNCCLIENT_4,
                    ApacheAsyncModules.class)
            // HttpAsyncClients.custom()/createDefault()'s client, and createMinimal()'s
            .targets("org/apache/http/impl/nio/client/InternalHttpAsyncClient",
                    "org/apache/http/impl/nio/client/MinimalHttpAsyncClient")
            .bootPackages("dev/rebound/client/apacheasync/")
            .appLoaderPackages("dev/rebound/client/apacheasync4/")
            .setup("dev.rebound.client.apacheasync.ApacheAsyncSetup")
            .build();

    public static final ClientModule HTTPCLIENT_5_ASYNC_MODULE = ClientModule.builder(HTTPCLIENT_5_ASYNC,
                    ApacheAsyncModules.class)
            // every builder's client (HTTP/1.1, HTTP/2, negotiated) and the minimal ones
            .targets("org/apache/hc/client5/http/impl/async/InternalAbstractHttpAsyncClient",
                    "org/apache/hc/client5/http/impl/async/AbstractMinimalHttpAsyncClientBase")
            .bootPackages("dev/rebound/client/apacheasync/")
            .appLoaderPackages("dev/rebound/client/apacheasync5/")
            .setup("dev.rebound.client.apacheasync.ApacheAsyncSetup")
            .build();

    private ApacheAsyncModules() {
    }
}
