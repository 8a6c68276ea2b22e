package dev.rebound.agent;

import dev.rebound.client.ClientModule;
import dev.rebound.config.ConfigKeys;
import dev.rebound.config.ConfigLoader;
import dev.rebound.config.ReboundConfig;
import dev.rebound.engine.CallListener;
import dev.rebound.engine.Client;
import dev.rebound.engine.Clock;
import dev.rebound.engine.RandomSource;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.engine.RetryRules;
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
        ReboundConfig config = ConfigLoader.fromSystem(ConfigKeys.of(ClientModules.labels()), agentArgs);
        for (String label : ClientModules.labels()) {
            Client.named(label); // metrics list clients in the order first named: descriptor order
        }
        config.printProblemsOnce(System.err);
        Log.setLevel(config.logLevel().ordinal());
        if (!config.enabled()) {
            Log.info("rebound " + dev.rebound.export.AgentVersion.current() + ": disabled (enabled=false), nothing instrumented");
            if (config.filePath() != null) {
                // Only to say that a change of the file needs a restart: nothing was woven to apply it to.
                ConfigFileWatcher.start(config.filePath(), new LiveConfig(config, null, null));
            }
            return;
        }
        List<String> problems = new ArrayList<String>();
        RetryRules rules = Policies.from(config, problems);
        RetryPolicy policy = rules.defaults();
        for (String problem : problems) {
            Log.warn(problem);
        }
        MetricsRegistry metrics = new MetricsRegistry(config.metricsMaxHosts());
        CallListener listener = Log.debugEnabled() ? new DecisionLog(metrics) : metrics;
        RetryEngine engine = new RetryEngine(rules, Clock.SYSTEM, RandomSource.THREAD_LOCAL, listener);
        LiveConfig live = new LiveConfig(config, engine, rules.wovenFor());

        ReboundTransformer transformer = new ReboundTransformer();
        List<String> active = new ArrayList<String>();
        try {
            addClients(inst, config, engine, rules.wovenFor(), transformer, active);
        } catch (Exception e) {
            Log.error("rebound: no client instrumented: cannot read the agent jar (" + e + ")");
        }
        UncoveredClientWatcher watcher = UncoveredClientWatcher.of(metrics, active);
        transformer.watchUncovered(watcher);
        inst.addTransformer(transformer, true);
        // One scan for both, taken once the transformer sees classes that load from now on: none goes unseen.
        Class<?>[] loaded = inst.getAllLoadedClasses();
        retransformLoaded(inst, transformer.loadedTargets(inst, loaded));
        watcher.nameLoaded(loaded);
        String exported = Exporters.start(config, metrics, engine, dev.rebound.export.AgentVersion.current(), live);
        ConfigFileWatcher fileWatcher = config.filePath() == null ? null : ConfigFileWatcher.start(config.filePath(), live);
        AgentState.started(new Installation(inst, transformer, live, metrics, active, fileWatcher));
        Log.info("rebound " + dev.rebound.export.AgentVersion.current() + ": instrumenting " + (active.isEmpty() ? "nothing" : join(active))
                + "; mode=" + config.mode().label()
                + " max-attempts=" + policy.maxAttempts()
                + " retry-on=" + config.valueText(dev.rebound.config.ConfigKey.RETRY_ON)
                + " backoff=" + config.valueText(dev.rebound.config.ConfigKey.BACKOFF_INITIAL)
                + ".." + config.valueText(dev.rebound.config.ConfigKey.BACKOFF_MAX)
                + " " + config.backoffJitter().label()
                + " max-elapsed=" + config.valueText(dev.rebound.config.ConfigKey.MAX_ELAPSED)
                + (rules.rules().isEmpty() ? "" : " rules=" + rules.rules().size())
                + " metrics=" + exported
                + " (" + (System.nanoTime() - started) / 1_000_000L + " ms)");
    }

    /** Each enabled client whose JDK module (if any) this JVM has, put in place when its first class loads. */
    private static void addClients(Instrumentation inst, ReboundConfig config, RetryEngine engine, RetryPolicy policy,
                                   ReboundTransformer transformer, List<String> active) throws Exception {
        AgentJar jar = AgentJar.open();
        ClientClasses classes = new ClientClasses(inst, jar);
        AppLoaderBridges bridges = null;
        for (ClientModule module : ClientModules.all()) {
            if (!config.instrumentationEnabled(module.label())
                    || module.platformModule() != null && !hasModule(inst, module.platformModule())) {
                continue;
            }
            if (bridges == null) {
                bridges = new AppLoaderBridges(ClassDefiner.of(inst), jar, ClientModules.all());
            }
            transformer.add(module.label(), module.targets(), module.origin() == ClientModule.Origin.JDK,
                    new ClientActivation(module, classes, engine, Client.named(module.label()), bridges, policy));
            active.add(module.label());
        }
    }

    /** False on Java 8 and on a runtime image without the module: nothing of that client to instrument there. */
    private static boolean hasModule(Instrumentation inst, String module) {
        try {
            return ClassDefiner.of(inst).hasModule(module);
        } catch (Exception e) {
            return false;
        }
    }


    /** Target classes the JVM loaded before premain (e.g. through the app's class path scanning). */
    private static void retransformLoaded(Instrumentation inst, List<Class<?>> loaded) {
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
