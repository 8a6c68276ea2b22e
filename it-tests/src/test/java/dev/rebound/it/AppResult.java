package dev.rebound.it;

/** What a sample-app run left that assertions read: its parsed output, and a description for failures. */
public interface AppResult {

    /** The run's call lines and done line. */
    AppOutput app();

    /** Everything needed to understand a failed assertion about this run. */
    String describe();
}
