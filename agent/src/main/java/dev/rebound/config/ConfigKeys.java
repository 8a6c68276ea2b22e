package dev.rebound.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of one agent, in listing order: the fixed {@link ConfigKey}s, with a switch
 * {@code instrumentation.<label>.enabled} per client after {@code hosts.exclude}. The client labels come from
 * the agent's client descriptors, so adding a client adds its switch everywhere keys are read, listed,
 * checked and suggested. Immutable.
 */
public final class ConfigKeys {
    private final List<ConfigKey> all;
    private final Map<String, Integer> byKey = new HashMap<String, Integer>();
    private final Map<String, ConfigKey> byEnv = new HashMap<String, ConfigKey>();
    private final String[] fileKeys;
    private final String[] propertyNames;
    private final String[] envNames;

    private ConfigKeys(List<ConfigKey> all) {
        this.all = Collections.unmodifiableList(all);
        this.fileKeys = new String[all.size()];
        this.propertyNames = new String[all.size()];
        this.envNames = new String[all.size()];
        for (int i = 0; i < all.size(); i++) {
            ConfigKey k = all.get(i);
            byKey.put(k.key(), Integer.valueOf(i));
            byEnv.put(k.envVar(), k);
            fileKeys[i] = k.key();
            propertyNames[i] = k.systemProperty();
            envNames[i] = k.envVar();
        }
    }

    /**
     * @param clientLabels each client's label, in the order the switches are listed
     * @throws IllegalArgumentException when a label is repeated or is not lower-case letters, digits and dashes
     */
    public static ConfigKeys of(List<String> clientLabels) {
        List<ConfigKey> keys = new ArrayList<ConfigKey>();
        List<String> labels = new ArrayList<String>();
        for (ConfigKey key : ConfigKey.fixed()) {
            keys.add(key);
            if (key == ConfigKey.HOSTS_EXCLUDE) {
                for (String label : clientLabels) {
                    if (!isLabel(label) || labels.contains(label)) {
                        throw new IllegalArgumentException("bad or repeated client label '" + label + "'");
                    }
                    labels.add(label);
                    keys.add(ConfigKey.clientSwitch(label));
                }
            }
        }
        return new ConfigKeys(keys);
    }

    private static boolean isLabel(String label) {
        if (label == null || label.isEmpty()) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !Text.isDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** In listing order. */
    public List<ConfigKey> all() {
        return all;
    }

    /** The key of that name, or null. */
    public ConfigKey byKey(String key) {
        Integer i = byKey.get(key);
        return i == null ? null : all.get(i.intValue());
    }

    /** The key read from that environment variable, or null. */
    public ConfigKey byEnvVar(String envVar) {
        return byEnv.get(envVar);
    }

    /** The switch of that client, or null when there is no such client. */
    ConfigKey clientSwitch(String clientLabel) {
        return byKey(ConfigKey.switchName(clientLabel));
    }

    /** Position of {@code key} in {@link #all()}. */
    int indexOf(ConfigKey key) {
        Integer i = byKey.get(key.key());
        if (i == null) {
            throw new IllegalArgumentException("no setting " + key);
        }
        return i.intValue();
    }

    /** Every key with its default, env var and description, for {@code java -jar rebound-agent.jar}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("Settings (highest precedence first): system property -Drebound.<key>=<value>,\n")
                .append("env var REBOUND_<KEY> (upper case, . and - become _), the properties file named by\n")
                .append("rebound.config-file / REBOUND_CONFIG_FILE (keys without the rebound. prefix), the agent\n")
                .append("arguments -javaagent:rebound-agent.jar=<key>=<value>;<key>=<value>, the default.\n");
        for (ConfigKey k : all) {
            sb.append('\n').append("  ").append(k.key())
                    .append("  (default: ").append(k.defaultValue().isEmpty() ? "none" : k.defaultValue())
                    .append("; env ").append(k.envVar()).append(")\n")
                    .append("      ").append(k.description()).append('\n');
        }
        sb.append('\n').append("  rules.<n>.<key>  (env REBOUND_RULES_<N>_<KEY>; n from 1, the first matching rule wins)\n")
                .append("      Overrides for the calls a rule matches: host (a host glob), path (a path prefix) and\n")
                .append("      method (request methods) say which; enabled=false turns retries off for them. A rule\n")
                .append("      sets any of: ").append(Text.join(java.util.Arrays.asList(RuleSettings.NAMES).subList(4,
                        RuleSettings.NAMES.length))).append(";\n")
                .append("      the budget.* and circuit.* keys only in a rule without path and method.\n");
        return sb.toString();
    }

    /** For "did you mean": every key as written in a file or agent argument. */
    String[] fileKeys() {
        return fileKeys;
    }

    String[] propertyNames() {
        return propertyNames;
    }

    String[] envNames() {
        return envNames;
    }
}
