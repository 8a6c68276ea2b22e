package dev.rebound.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What goes on the bootstrap path: what woven code calls, and the weaver with its ASM; never the agent's wiring. */
class BootstrapInjectorTest {

    @Test
    void engineWeaverShadedAsmAndTheClientsCommonClassesAreDefinedAtStartUp() {
        assertTrue(BootstrapInjector.isBootClass("dev/rebound/client/CallDepth.class"));
        assertTrue(BootstrapInjector.isBootClass("dev/rebound/client/ClientModule$Builder.class"));
        assertTrue(BootstrapInjector.isBootClass("dev/rebound/engine/RetryEngine.class"));
        assertTrue(BootstrapInjector.isBootClass("dev/rebound/weave/Weaver.class"));
        assertTrue(BootstrapInjector.isBootClass("dev/rebound/weave/Weaver$1.class"));
        assertTrue(BootstrapInjector.isBootClass("dev/rebound/shaded/bytebuddy/jar/asm/ClassReader.class"));
    }

    @Test
    void eachClientsOwnClassesWaitForItsFirstTargetClass() {
        assertFalse(BootstrapInjector.isBootClass("dev/rebound/client/urlconnection/UrlConnectionHooks.class"));
        assertFalse(BootstrapInjector.isBootClass("dev/rebound/client/apache/ApacheHooks.class"));
        assertFalse(BootstrapInjector.isBootClass("dev/rebound/client/apache4/Apache4Bridge.class"));
    }

    @Test
    void theAgentsWiringAndLaterJavaCodeStayOff() {
        assertFalse(BootstrapInjector.isBootClass("dev/rebound/agent/Agent.class"));
        assertFalse(BootstrapInjector.isBootClass("dev/rebound/agent/ModularClassDefiner.class"));
        assertFalse(BootstrapInjector.isBootClass("dev/rebound/client/jdk/JdkCall.class"));
        assertFalse(BootstrapInjector.isBootClass("dev/rebound/export/PrometheusExporter.class"));
        assertFalse(BootstrapInjector.isBootClass("dev/rebound/shaded/bytebuddy/jar/asm/"));
    }
}
