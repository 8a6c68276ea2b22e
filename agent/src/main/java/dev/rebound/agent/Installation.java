package dev.rebound.agent;

import dev.rebound.config.ConfigProblem;
import dev.rebound.config.ReboundConfig;
import dev.rebound.export.AgentVersion;
import dev.rebound.metrics.MetricsRegistry;
import dev.rebound.metrics.Sample;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The running agent, as status and detach see it: its transformer, configuration and counters.
 *
 * <p>Detach removes the transformer and retransforms the target classes, which the JVM then rebuilds
 * from their original bytes. A call already inside a woven method keeps running that method's old
 * version to its end, retries included, so the hooks keep their adapters: emptying them mid-call would
 * leave the call's per-thread depth entered and never exited, and the next attach would take that
 * thread's calls for nested ones.
 */
final class Installation implements AgentState.Running {
    private final Instrumentation inst;
    private final ReboundTransformer transformer;
    private final LiveConfig live;
    private final MetricsRegistry metrics;
    private final List<String> enabled;
    /** Null when no config file is watched. */
    private final ConfigFileWatcher watcher;

    Installation(Instrumentation inst, ReboundTransformer transformer, LiveConfig live, MetricsRegistry metrics,
                 List<String> enabled, ConfigFileWatcher watcher) {
        this.inst = inst;
        this.transformer = transformer;
        this.live = live;
        this.metrics = metrics;
        this.enabled = new ArrayList<String>(enabled);
        this.watcher = watcher;
    }

    @Override
    public String summary() {
        StringBuilder sb = new StringBuilder("rebound " + AgentVersion.current() + " attached; clients: " + clients());
        for (ConfigProblem problem : live.current().problems()) {
            sb.append('\n').append(problem.message());
        }
        return sb.toString();
    }

    @Override
    public String status(String loadedBy) {
        ReboundConfig config = live.current();
        StringBuilder sb = new StringBuilder();
        sb.append("rebound ").append(AgentVersion.current()).append(", loaded by ")
                .append(AgentState.PREMAIN.equals(loadedBy) ? "-javaagent at start-up" : "attach").append('\n');
        sb.append("clients: ").append(clients()).append('\n');
        sb.append("effective configuration:\n").append(config.renderEffective()).append('\n');
        for (ConfigProblem problem : config.problems()) {
            sb.append(problem.message()).append('\n');
        }
        sb.append("counters:");
        List<Sample> samples = metrics.snapshot();
        if (samples.isEmpty()) {
            sb.append(" none yet");
        }
        for (Sample sample : samples) {
            sb.append("\n  ").append(sample.series().baseName()).append('{');
            List<String> names = sample.series().labelNames();
            for (int i = 0; i < names.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(names.get(i)).append("=\"").append(sample.labelValues().get(i)).append('"');
            }
            sb.append("} ").append(sample.series().isCount() ? Long.toString(sample.rawValue()) : Double.toString(sample.value()));
        }
        return sb.toString();
    }

    /** Each enabled client: in use once its first class loaded, else waiting for it. */
    private String clients() {
        if (enabled.isEmpty()) {
            return "none enabled";
        }
        Map<String, String> states = transformer.clientStates();
        StringBuilder sb = new StringBuilder();
        for (String label : enabled) {
            sb.append(sb.length() == 0 ? "" : ", ").append(label).append(" (").append(states.get(label)).append(')');
        }
        return sb.toString();
    }

    @Override
    public String detach() {
        inst.removeTransformer(transformer);
        List<Class<?>> targets = transformer.loadedTargets(inst, inst.getAllLoadedClasses());
        String restored;
        try {
            if (!targets.isEmpty()) {
                inst.retransformClasses(targets.toArray(new Class<?>[0]));
            }
            restored = targets.size() + " class(es) back to their original code";
        } catch (Throwable t) {
            restored = "classes NOT restored (" + t + "); their calls keep being retried until the JVM exits";
        }
        Exporters.stopAll();
        if (watcher != null) {
            watcher.stop();
        }
        return "rebound detached: " + restored + "; calls in flight finish as they started";
    }
}
