package dev.rebound.config;

/** Where an effective setting came from, highest precedence first. */
public enum ConfigSource {
    SYSTEM_PROPERTY,
    ENVIRONMENT,
    FILE,
    /** {@code -javaagent:rebound-agent.jar=<key>=<value>,...}: above the default only. */
    AGENT_ARGUMENTS,
    /** The built-in default, also used when the configured value was bad. */
    DEFAULT
}
