package dev.rebound.agent;

import dev.rebound.client.BridgeFactory;
import dev.rebound.client.ClientModule;
import dev.rebound.client.ClientSetup;
import dev.rebound.engine.Client;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.weave.TypeWeave;

import java.util.List;

/** Puts one client in place when its first target class loads: its classes, its hooks, its weaves. */
final class ClientActivation implements ReboundTransformer.Activation {
    private final ClientModule module;
    private final ClientClasses classes;
    private final RetryEngine engine;
    private final Client client;
    private final BridgeFactory bridges;
    /**
     * The policy of start-up, not the engine's current one: what is woven must not depend on when a client
     * first loads, so that the live rules (which changes need a restart) hold for every client alike.
     */
    private final RetryPolicy wovenFor;

    ClientActivation(ClientModule module, ClientClasses classes, RetryEngine engine, Client client, BridgeFactory bridges,
                     RetryPolicy wovenFor) {
        this.module = module;
        this.wovenFor = wovenFor;
        this.classes = classes;
        this.engine = engine;
        this.client = client;
        this.bridges = bridges;
    }

    @Override
    public List<TypeWeave> activate() throws Exception {
        ClientSetup setup = classes.setUp(module);
        setup.install(module, engine, client, bridges);
        return setup.weaves(wovenFor);
    }
}
