package dev.rebound.agent;

import dev.rebound.config.ConfigKey;
import dev.rebound.config.ConfigProblem;
import dev.rebound.config.ConfigSource;
import dev.rebound.config.ReboundConfig;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.RetryEngine;
import dev.rebound.config.RuleConfig;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.engine.RetryRules;
import dev.rebound.export.LiveSettings;
import dev.rebound.log.Log;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configuration while the JVM runs. A change, from the config file or through JMX, is applied whole or
 * not at all: a value that would have been a problem at start-up refuses the change, one line per bad key,
 * and the last good configuration stays. An applied change puts one new policy in force at once (calls under
 * way keep the one they started with) and prints one line: what changed, from what, to what, from where.
 * Settings read only at start-up (exporters, log level, client switches, the file itself) keep their value;
 * a change of them prints one line saying it needs a restart.
 */
final class LiveConfig implements LiveSettings {
    private final RetryEngine engine;
    /** What the clients were woven for; null when rebound was disabled at start-up and wove nothing. */
    private final RetryPolicy startPolicy;
    private volatile ReboundConfig current;
    /** The last configuration applied as loaded, before the settings that need a restart were set back. */
    private ReboundConfig lastSeen;

    /** @param engine null when rebound was disabled at start-up: then every change needs a restart */
    LiveConfig(ReboundConfig start, RetryEngine engine, RetryPolicy startPolicy) {
        this.current = start;
        this.lastSeen = start;
        this.engine = engine;
        this.startPolicy = startPolicy;
    }

    /** The configuration in force. */
    ReboundConfig current() {
        return current;
    }

    /** The config file may have changed: reads it again and applies what changed; silent when nothing did. */
    synchronized void fileChanged() {
        fileChanged(null);
    }

    /** {@link #fileChanged()} with the file's {@code content} as the watcher read it (null: read it now). */
    synchronized void fileChanged(byte[] content) {
        ReboundConfig now = current;
        apply(now.reloadFile(content), "file " + now.filePath());
    }

    @Override
    public String value(String key) {
        ConfigKey k = current.keyNamed(key);
        return k == null ? null : current.valueText(k);
    }

    @Override
    public synchronized String set(String key, String value) {
        ConfigKey k = current.keyNamed(key);
        if (k == null) {
            throw new IllegalArgumentException("no setting " + key);
        }
        return apply(current.withOverride(k, value == null ? "" : value), "jmx");
    }

    /** Settings a running agent takes over; the others are read once at start-up. */
    static boolean isLive(ConfigKey key) {
        return key != ConfigKey.METRICS_PROMETHEUS_PORT && key != ConfigKey.METRICS_PROMETHEUS_HOST
                && key != ConfigKey.METRICS_JMX_ENABLED && key != ConfigKey.METRICS_MAX_HOSTS
                && key != ConfigKey.LOG_LEVEL && key != ConfigKey.CONFIG_FILE
                && !key.key().startsWith("instrumentation.");
    }

    /** @return null when applied or nothing changed, else the refusal, one line per bad key */
    private String apply(ReboundConfig next, String source) {
        ReboundConfig before = current;
        List<String> refused = refusals(before, next, source);
        if (!refused.isEmpty()) {
            StringBuilder all = new StringBuilder();
            for (String line : refused) {
                Log.warn(line);
                all.append(all.length() == 0 ? "" : "\n").append(line);
            }
            return all.toString();
        }
        List<String> changed = new ArrayList<String>();
        List<String> restart = new ArrayList<String>();
        List<String> shadowed = new ArrayList<String>();
        List<ConfigKey> kept = new ArrayList<ConfigKey>();
        for (ConfigKey key : next.keys()) {
            String was = before.valueText(key);
            String now = next.valueText(key);
            String why = needsRestart(key, before, next);
            if (why != null) {
                kept.add(key);
                // Against the last change seen, so that a pending restart is reported once, not at every change.
                if (!now.equals(lastSeen.valueText(key))) {
                    restart.add(key.key() + " " + shown(was) + " -> " + shown(now) + why);
                }
            } else if (!now.equals(was)) {
                changed.add(key.key() + " " + shown(was) + " -> " + shown(now));
            }
            String fileNow = next.fileValue(key);
            String fileWas = lastSeen.fileValue(key);
            if (fileNow != null && !fileNow.equals(fileWas) && next.source(key).ordinal() < ConfigSource.FILE.ordinal()) {
                shadowed.add(key.key() + " (" + next.origin(key) + " takes precedence)");
            }
        }
        Map<String, String> fileRulesWas = lastSeen.fileRuleValues();
        for (Map.Entry<String, String> e : next.fileRuleValues().entrySet()) {
            String origin = e.getValue().equals(fileRulesWas.get(e.getKey())) ? null : next.ruleOrigin(e.getKey());
            if (origin != null && (origin.startsWith("system property ") || origin.startsWith("env "))) {
                shadowed.add(e.getKey() + " (" + origin + " takes precedence)");
            }
        }
        ReboundConfig applied = kept.isEmpty() ? next : next.keeping(before, kept);
        List<String> ruleChanges = ruleChanges(before, next);
        if (!ruleChanges.isEmpty()) {
            String why = engine == null ? " (rebound was disabled at start-up and instruments nothing)"
                    : rulesNeedRestart(next);
            if (why == null) {
                changed.addAll(ruleChanges);
            } else {
                applied = applied.keepingRules(before);
                if (!next.ruleSettings().equals(lastSeen.ruleSettings())) {
                    restart.add(join(ruleChanges) + why);
                }
            }
        }
        if (!changed.isEmpty() && engine != null) {
            RetryRules rules = Policies.from(applied, new ArrayList<String>());
            if (!applied.enabled()) {
                engine.enable(false);
            }
            engine.reconfigure(rules);
            if (applied.enabled()) {
                engine.enable(true);
            }
        }
        current = applied;
        lastSeen = next;
        if (!changed.isEmpty()) {
            Log.info("rebound: config changed (" + source + "): " + join(changed));
        }
        if (!restart.isEmpty()) {
            Log.warn("rebound: config change needs a restart (" + source + "): " + join(restart)
                    + "; running with the old value" + (restart.size() > 1 ? "s" : ""));
        }
        if (!shadowed.isEmpty()) {
            Log.warn("rebound: config change not in effect (" + source + "): " + join(shadowed));
        }
        return null;
    }

    /** Null when {@code key} may change now, else why not (appended to its entry in the restart line). */
    private String needsRestart(ConfigKey key, ReboundConfig before, ReboundConfig next) {
        if (engine == null) {
            return key == ConfigKey.ENABLED ? " (rebound was disabled at start-up and instruments nothing)" : "";
        }
        if (!isLive(key)) {
            return "";
        }
        if (key == ConfigKey.RETRY_ON && !startPolicy.isRetryable(FailureKind.RESET)
                && next.retryOnKinds().contains(FailureKind.RESET)) {
            // The clients' own hidden re-send of a reset is switched off only where woven at start-up:
            // without it each of rebound's attempts could reach the wire twice.
            return " (reset in retry-on needs a restart)";
        }
        return null;
    }

    /** Each rule key whose value differs, {@code rules.<n>.<key> a -> b}, "unset" where a side has none. */
    private static List<String> ruleChanges(ReboundConfig before, ReboundConfig next) {
        Map<String, String> was = before.ruleSettings();
        Map<String, String> now = next.ruleSettings();
        List<String> lines = new ArrayList<String>();
        if (was.equals(now)) {
            return lines;
        }
        Set<String> keys = new LinkedHashSet<String>(was.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            String a = was.get(key);
            String b = now.get(key);
            if (a == null ? b != null : !a.equals(b)) {
                lines.add(key + " " + (a == null ? "unset" : shown(a)) + " -> " + (b == null ? "unset" : shown(b)));
            }
        }
        return lines;
    }

    /** Null when the rules of {@code next} may be put in force now, else why not. */
    private String rulesNeedRestart(ReboundConfig next) {
        if (startPolicy.isRetryable(FailureKind.RESET)) {
            return null;
        }
        for (RuleConfig rule : next.rules()) {
            if (next.forRule(rule).retryOnKinds().contains(FailureKind.RESET)) {
                return " (reset in a rule's retry-on needs a restart)";
            }
        }
        return null;
    }

    /** The problems {@code next} has that {@code before} had not: one line each. */
    private static List<String> refusals(ReboundConfig before, ReboundConfig next, String source) {
        Set<String> known = new HashSet<String>();
        for (ConfigProblem p : before.problems()) {
            known.add(p.message());
        }
        List<String> old = new ArrayList<String>();
        Policies.from(before, old);
        known.addAll(old);
        List<String> problems = new ArrayList<String>();
        for (ConfigProblem p : next.problems()) {
            problems.add(p.message());
        }
        Policies.from(next, problems);
        List<String> lines = new ArrayList<String>();
        for (String message : problems) {
            if (known.add(message)) {
                lines.add("rebound: config change not applied (" + source + "): " + reason(message)
                        + "; the last good configuration stays");
            }
        }
        return lines;
    }

    /** A start-up problem line without its prefix and without what start-up did about it. */
    static String reason(String message) {
        String m = message.startsWith("rebound: ") ? message.substring("rebound: ".length()) : message;
        for (String tail : new String[] {"; using ", "; continuing without it"}) {
            int at = m.lastIndexOf(tail);
            if (at > 0) {
                m = m.substring(0, at);
            }
        }
        return m.replace(" (ignored)", "");
    }

    private static String shown(String value) {
        return value.isEmpty() ? "none" : value;
    }

    private static String join(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (String item : items) {
            sb.append(sb.length() == 0 ? "" : ", ").append(item);
        }
        return sb.toString();
    }
}
