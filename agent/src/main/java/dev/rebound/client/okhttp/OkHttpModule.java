package dev.rebound.client.okhttp;

import dev.rebound.client.ClientModule;

/**
 * OkHttp 3.12+, 4.x and 5.x ({@code okhttp3}), as the agent knows it. The 3.x call class is
 * {@code okhttp3.RealCall}; 4.x and 5.x moved it to {@code okhttp3.internal.connection}. The follow-up
 * interceptor kept its name throughout. Only the {@code bridge} subpackage names OkHttp's types: it is
 * defined into each class loader that loads OkHttp, so that it links against that loader's version.
 */
public final class OkHttpModule {
    /** The retry loop of a synchronous call runs around the follow-up interceptor's whole loop. */
    static final String FOLLOW_UP = "okhttp3/internal/http/RetryAndFollowUpInterceptor";
    static final String CALL_3 = "okhttp3/RealCall";
    static final String CALL_4 = "okhttp3/internal/connection/RealCall";

    public static final ClientModule MODULE = ClientModule.builder("okhttp", OkHttpModule.class)
            .origin(ClientModule.Origin.LIBRARY)
            .targets(CALL_3, CALL_4, FOLLOW_UP)
            .bootPackages("dev/rebound/client/okhttp/")
            .appLoaderPackages(OkHttpSetup.BRIDGE_PACKAGE)
            .setup("dev.rebound.client.okhttp.OkHttpSetup")
            .build();

    private OkHttpModule() {
    }
}
