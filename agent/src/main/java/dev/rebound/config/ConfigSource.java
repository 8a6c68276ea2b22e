package dev.rebound.config;

/** Where an effective setting came from, highest precedence first. */
public enum ConfigSource {
    /** Set through the JMX MBean while the JVM runs: above every other source until it restarts. */
    JMX,
    SYSTEM_PROPERTY,
    ENVIRONMENT,
    FILE,
    /** {@code -javaagent:rebound-agent.jar=<key>=<value>,...}: above the default only. */
    AGENT_ARGUMENTS,
    /** The built-in default, also used when the configured value was bad. */
    DEFAULT
}
