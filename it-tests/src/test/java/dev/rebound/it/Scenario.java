package dev.rebound.it;

import java.util.function.Function;

/**
 * A named scenario: it plans its stubs and sample-app runs on a {@link Stage} and returns the check to
 * make once the batch has run. Planning and checking are apart so that many scenarios share one JVM.
 */
record Scenario(String name, Function<Stage, Check> plan) {

    /** The assertions of a planned scenario, made after its batch ran. */
    @FunctionalInterface
    interface Check {
        void verify();
    }
}
