package dev.rebound.client.urlconnection;

import dev.rebound.client.ClientModule;

/** {@code java.net.HttpURLConnection} (http and https), as the JDK implements it in {@code java.base}. */
public final class UrlConnectionModule {
    public static final ClientModule MODULE = ClientModule.builder("http-url-connection", UrlConnectionModule.class)
            .origin(ClientModule.Origin.JDK)
            .targets(UrlConnectionSetup.CONNECTION, UrlConnectionSetup.JDK_CLIENT)
            .bootPackages("dev/rebound/client/urlconnection/")
            .setup("dev.rebound.client.urlconnection.UrlConnectionSetup")
            .build();

    private UrlConnectionModule() {
    }
}
