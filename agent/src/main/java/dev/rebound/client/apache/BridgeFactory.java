package dev.rebound.client.apache;

/**
 * Makes the {@link ApacheBridge} for a woven Apache class, in that class's loader. Implemented on the
 * agent's side (it defines classes), installed in {@link ApacheHooks}.
 */
public interface BridgeFactory {
    /** @throws Exception when no bridge can be made; the class's calls then run without rebound */
    ApacheBridge create(Class<?> wovenClass) throws Exception;
}
