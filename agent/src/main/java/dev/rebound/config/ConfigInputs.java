package dev.rebound.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What one configuration was loaded from, kept with it so that a live change can load it again with one
 * layer changed: the same system properties, env vars and agent arguments as at start-up (a running JVM's
 * env cannot change, and a property set later is no configuration source), the config file as last read,
 * and the values set through JMX. Immutable.
 */
final class ConfigInputs {
    final ConfigKeys keys;
    final Map<String, String> props;
    final Map<String, String> env;
    final String agentArguments;
    /** The file's path as given, or null when no file is configured. */
    final String filePath;
    /** Known keys to raw values as the file held them when read; empty when none or unreadable. */
    final Map<String, String> fileValues;
    /** What reading the file reported (unreadable, unknown keys). */
    final List<ConfigProblem> fileProblems;
    /** Key to raw value set through JMX: above every other source. */
    final Map<String, String> overrides;

    ConfigInputs(ConfigKeys keys, Map<String, String> props, Map<String, String> env, String agentArguments,
                 String filePath, Map<String, String> fileValues, List<ConfigProblem> fileProblems,
                 Map<String, String> overrides) {
        this.keys = keys;
        this.props = props;
        this.env = env;
        this.agentArguments = agentArguments;
        this.filePath = filePath;
        this.fileValues = fileValues;
        this.fileProblems = fileProblems;
        this.overrides = overrides.isEmpty() ? Collections.<String, String>emptyMap() : overrides;
    }
}
