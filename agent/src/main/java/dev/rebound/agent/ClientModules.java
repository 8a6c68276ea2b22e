package dev.rebound.agent;

import dev.rebound.client.ClientModule;
import dev.rebound.client.apache.ApacheModules;
import dev.rebound.client.apacheasync.ApacheAsyncModules;
import dev.rebound.client.jdk.JdkClientModule;
import dev.rebound.client.okhttp.OkHttpModule;
import dev.rebound.client.urlconnection.UrlConnectionModule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Every client rebound covers, one descriptor each: the agent, the injectors and the switches derive from this list. */
final class ClientModules {
    private static final List<ClientModule> ALL = Collections.unmodifiableList(Arrays.asList(
            UrlConnectionModule.MODULE,
            JdkClientModule.MODULE,
            ApacheModules.HTTPCLIENT_4_MODULE,
            ApacheModules.HTTPCLIENT_5_MODULE,
            ApacheAsyncModules.HTTPASYNCCLIENT_4_MODULE,
            ApacheAsyncModules.HTTPCLIENT_5_ASYNC_MODULE,
            OkHttpModule.MODULE));

    private ClientModules() {
    }

    static List<ClientModule> all() {
        return ALL;
    }

    /** The clients' labels, in the list's order: their switches are {@code instrumentation.<label>.enabled}. */
    static List<String> labels() {
        List<String> labels = new ArrayList<String>();
        for (ClientModule module : ALL) {
            labels.add(module.label());
        }
        return labels;
    }
}
