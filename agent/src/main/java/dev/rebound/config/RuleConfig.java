package dev.rebound.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One per-host / per-path rule as configured ({@code rules.<n>.*}): what it matches and the keys it
 * overrides; a key it does not set keeps its top-level value. Immutable; valid as far as the configuration
 * can tell (a rule with a bad host, path or method never gets here).
 */
public final class RuleConfig {
    private final int number;
    private final String host;
    private final String path;
    private final List<String> methods;
    private final boolean enabled;
    private final Map<ConfigKey, Object> overrides;
    /** Each set key as written after {@code rules.<n>.}, to its value text and origin, in listing order. */
    private final Map<String, String[]> shown;

    RuleConfig(int number, String host, String path, List<String> methods, boolean enabled,
               Map<ConfigKey, Object> overrides, Map<String, String[]> shown) {
        this.number = number;
        this.host = host;
        this.path = path;
        this.methods = methods;
        this.enabled = enabled;
        this.overrides = Collections.unmodifiableMap(new LinkedHashMap<ConfigKey, Object>(overrides));
        this.shown = Collections.unmodifiableMap(new LinkedHashMap<String, String[]>(shown));
    }

    /** {@code rules.<n>}, as in messages. */
    public String name() {
        return RuleSettings.PREFIX + number;
    }

    public int number() {
        return number;
    }

    /** The host glob's normalised text, or null: every host. */
    public String host() {
        return host;
    }

    /** The path prefix, or null: every path. */
    public String path() {
        return path;
    }

    /** The request methods the rule applies to, upper case; empty: every method. */
    public List<String> methods() {
        return methods;
    }

    /** False: retries off for the calls the rule matches ({@code rules.<n>.enabled=false}). */
    public boolean enabled() {
        return enabled;
    }

    /** Matches by host alone: budget and circuit keys are allowed only then. */
    public boolean hostOnly() {
        return path == null && methods.isEmpty();
    }

    /** The top-level keys the rule sets, to their parsed values. */
    Map<ConfigKey, Object> overrides() {
        return overrides;
    }

    /** One line per key the rule sets, {@code rules.<n>.<key> = value  (origin)}, for the effective listing. */
    Map<String, String[]> shown() {
        return shown;
    }
}
