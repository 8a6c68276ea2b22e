package dev.rebound.client;

import dev.rebound.engine.Client;
import dev.rebound.engine.RetryEngine;
import dev.rebound.weave.TypeWeave;

import java.util.List;

/**
 * The part of a client that runs where its hooks live (bootstrap or platform loader): it hands the engine
 * to the hooks and says what to weave. Made once, by its public no-argument constructor, when the client's
 * first target class loads and after its classes were defined.
 */
public interface ClientSetup {
    /**
     * Gives the client's hooks what they need. Called once, before any of {@link #weaves}' classes is woven.
     *
     * @param module  the client's descriptor (its targets, its label)
     * @param client  the client as the engine and metrics know it
     * @param bridges defines the client's app-loader classes in a woven class's loader
     */
    void install(ClientModule module, RetryEngine engine, Client client, BridgeFactory bridges);

    /** What to weave, for the policy in force; a target class with no weave here is left alone. */
    List<TypeWeave> weaves(dev.rebound.engine.RetryPolicy policy);
}
