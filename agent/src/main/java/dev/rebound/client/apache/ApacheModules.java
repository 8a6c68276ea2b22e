package dev.rebound.client.apache;

import dev.rebound.client.ClientModule;

/**
 * Apache HttpClient 4.3-4.5 ({@code org.apache.http}) and 5.x ({@code org.apache.hc.client5}), classic
 * (blocking) API: two clients with one set of hooks, each with its own bridge defined into the class loaders
 * that load it.
 */
public final class ApacheModules {
    static final String HTTPCLIENT_4 = "apache-httpclient-4";
    static final String HTTPCLIENT_5 = "apache-httpclient-5";

    public static final ClientModule HTTPCLIENT_4_MODULE = ClientModule.builder(HTTPCLIENT_4, ApacheModules.class)
            // the builder's client, createMinimal()'s, and the deprecated DefaultHttpClient family's
            .targets("org/apache/http/impl/client/InternalHttpClient",
                    "org/apache/http/impl/client/MinimalHttpClient",
                    "org/apache/http/impl/client/AbstractHttpClient")
            .bootPackages("dev/rebound/client/apache/")
            .appLoaderPackages("dev/rebound/client/apache4/")
            .setup("dev.rebound.client.apache.ApacheSetup")
            .build();

    public static final ClientModule HTTPCLIENT_5_MODULE = ClientModule.builder(HTTPCLIENT_5, ApacheModules.class)
            .targets("org/apache/hc/client5/http/impl/classic/InternalHttpClient",
                    "org/apache/hc/client5/http/impl/classic/MinimalHttpClient")
            .bootPackages("dev/rebound/client/apache/")
            .appLoaderPackages("dev/rebound/client/apache5/")
            .setup("dev.rebound.client.apache.ApacheSetup")
            .build();

    private ApacheModules() {
    }
}
