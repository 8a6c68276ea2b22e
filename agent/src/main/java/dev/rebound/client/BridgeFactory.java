package dev.rebound.client;

/**
 * Makes an instance of a client's bridge class (one typed against the library) in the class loader of a
 * woven class, defining the client's app-loader classes there on first use. Implemented on the agent's side
 * (it defines classes); handed to each client's {@link ClientSetup}.
 */
public interface BridgeFactory {
    /**
     * @param bridgeClass binary name of a class under one of the client's app-loader packages, with a public
     *                    no-argument constructor
     * @throws Exception when it cannot be made; the woven class's calls then run without rebound
     */
    Object create(Class<?> wovenClass, String bridgeClass) throws Exception;
}
