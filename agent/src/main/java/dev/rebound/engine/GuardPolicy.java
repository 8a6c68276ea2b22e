package dev.rebound.engine;

/**
 * Outage protection settings (budget.*, circuit.*). Immutable.
 * STUB: the outage-protection work fills this in (builder, validation).
 */
public final class GuardPolicy {
    public static final GuardPolicy DEFAULTS = new GuardPolicy();
}
