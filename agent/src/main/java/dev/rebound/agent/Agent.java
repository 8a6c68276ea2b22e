package dev.rebound.agent;

import dev.rebound.client.apache.ApacheAdapter;
import dev.rebound.client.apache.ApacheHooks;
import dev.rebound.client.apache.ApacheInstrumentation;
import dev.rebound.client.jdk.JdkClientInstrumentation;
import dev.rebound.client.urlconnection.UrlConnectionAdapter;
import dev.rebound.client.urlconnection.UrlConnectionHooks;
import dev.rebound.client.urlconnection.UrlConnectionInstrumentation;
import dev.rebound.config.ConfigLoader;
import dev.rebound.config.ReboundConfig;
import dev.rebound.engine.CallListener;
import dev.rebound.engine.Client;
import dev.rebound.engine.Clock;
import dev.rebound.engine.RandomSource;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.log.DecisionLog;
import dev.rebound.log.Log;
import dev.rebound.metrics.MetricsRegistry;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the agent once the bootstrap-path classes exist: configuration, engine, metrics, the
 * instrumentations the configuration enables, and one startup line.
 */
public final class Agent implements AgentStarter.Installer {
    public Agent() {
        // made by AgentStarter once the bootstrap-path classes exist
    }

    @Override
    public void install(Instrumentation inst, String agentArgs) {
        long started = System.nanoTime();
        ReboundConfig config = ConfigLoader.fromSystem(agentArgs);
        config.printProblemsOnce(System.err);
        Log.setLevel(config.logLevel().ordinal());
        if (!config.enabled()) {
            Log.info("rebound " + dev.rebound.export.AgentVersion.current() + ": disabled (enabled=false), nothing instrumented");
            return;
        }
        List<String> problems = new ArrayList<String>();
        RetryPolicy policy = Policies.from(config, problems);
        for (String problem : problems) {
            Log.warn(problem);
        }
        MetricsRegistry metrics = new MetricsRegistry(config.metricsMaxHosts());
        CallListener listener = Log.debugEnabled() ? new DecisionLog(metrics) : metrics;
        RetryEngine engine = new RetryEngine(policy, Clock.SYSTEM, RandomSource.THREAD_LOCAL, listener);

        ReboundTransformer transformer = new ReboundTransformer();
        List<String> active = new ArrayList<String>();
        if (config.instrumentationEnabled(Client.HTTP_URL_CONNECTION)) {
            UrlConnectionHooks.install(new UrlConnectionAdapter(engine));
            transformer.add(UrlConnectionInstrumentation.NAME, UrlConnectionInstrumentation.weaves(
                    policy.resendsResets()), true);
            active.add(UrlConnectionInstrumentation.NAME);
        }
        if (config.instrumentationEnabled(Client.JDK_HTTP_CLIENT) && JdkHttpClientSetup.available(inst)) {
            transformer.add(JdkClientInstrumentation.NAME, JdkClientInstrumentation.weaves(
                    policy.resendsResets()), true,
                    JdkHttpClientSetup.hooks(inst, engine));
            active.add(JdkClientInstrumentation.NAME);
        }
        if (config.instrumentationEnabled(Client.APACHE_HTTPCLIENT_4) || config.instrumentationEnabled(Client.APACHE_HTTPCLIENT_5)) {
            installApache(inst, config, engine, transformer, active);
        }
        if (config.instrumentationEnabled(Client.OKHTTP)) {
            installModule(dev.rebound.client.okhttp.OkHttpModule.MODULE, inst, policy, engine, transformer, active);
        }
        inst.addTransformer(transformer, true);
        retransformLoaded(inst, transformer);
        String exported = Exporters.start(config, metrics, engine, dev.rebound.export.AgentVersion.current());
        Log.info("rebound " + dev.rebound.export.AgentVersion.current() + ": instrumenting " + (active.isEmpty() ? "nothing" : join(active))
                + "; mode=" + config.mode().label()
                + " max-attempts=" + policy.maxAttempts()
                + " retry-on=" + config.valueText(dev.rebound.config.ConfigKey.RETRY_ON)
                + " backoff=" + config.valueText(dev.rebound.config.ConfigKey.BACKOFF_INITIAL)
                + ".." + config.valueText(dev.rebound.config.ConfigKey.BACKOFF_MAX)
                + " " + config.backoffJitter().label()
                + " max-elapsed=" + config.valueText(dev.rebound.config.ConfigKey.MAX_ELAPSED)
                + " metrics=" + exported
                + " (" + (System.nanoTime() - started) / 1_000_000L + " ms)");
    }

    /** Apache HttpClient 4 and 5: classes of the app's loaders, each given its bridge on its first call. */
    private static void installApache(Instrumentation inst, ReboundConfig config, RetryEngine engine,
                                      ReboundTransformer transformer, List<String> active) {
        try {
            ApacheHooks.install(new ApacheAdapter(engine), new AppLoaderBridges(ClassDefiner.of(inst)));
        } catch (Exception e) {
            Log.error("rebound: Apache HttpClient not instrumented: cannot define classes in app class loaders (" + e + ")");
            return;
        }
        for (Client client : new Client[] {Client.APACHE_HTTPCLIENT_4, Client.APACHE_HTTPCLIENT_5}) {
            if (config.instrumentationEnabled(client)) {
                transformer.add(client.label(), ApacheInstrumentation.weaves(client), false);
                active.add(client.label());
            }
        }
    }

    /** TEMP: a client package's descriptor, installed by its setup class (the lead's generic wiring replaces this). */
    private static void installModule(dev.rebound.client.ClientModule module, Instrumentation inst, RetryPolicy policy,
                                      RetryEngine engine, ReboundTransformer transformer, List<String> active) {
        try {
            dev.rebound.client.ClientSetup setup = (dev.rebound.client.ClientSetup) Class.forName(
                    module.setupClass(), true, null).getConstructor().newInstance();
            Client client = null;
            for (Client c : Client.values()) {
                if (c.label().equals(module.label())) {
                    client = c;
                }
            }
            setup.install(engine, client, new ModuleLoaderBridges(ClassDefiner.of(inst), module));
            transformer.add(module.label(), setup.weaves(policy), false);
            active.add(module.label());
        } catch (Throwable t) {
            Log.error("rebound: " + module.label() + " not instrumented: " + t);
        }
    }

    /** Target classes the JVM loaded before premain (e.g. through the app's class path scanning). */
    private static void retransformLoaded(Instrumentation inst, ReboundTransformer transformer) {
        List<Class<?>> loaded = new ArrayList<Class<?>>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (transformer.isTargetClass(c.getName()) && inst.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        if (loaded.isEmpty()) {
            return;
        }
        try {
            inst.retransformClasses(loaded.toArray(new Class<?>[0]));
        } catch (Throwable t) {
            Log.error("rebound: cannot retransform " + loaded + ": " + t);
        }
    }

    private static String join(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (String item : items) {
            sb.append(sb.length() == 0 ? "" : ",").append(item);
        }
        return sb.toString();
    }
}
