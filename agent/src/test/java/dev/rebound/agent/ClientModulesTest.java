package dev.rebound.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.client.ClientModule;
import dev.rebound.client.ClientSetup;
import dev.rebound.engine.CallListener;
import dev.rebound.engine.Client;
import dev.rebound.engine.Clock;
import dev.rebound.engine.RandomSource;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.weave.TypeWeave;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every descriptor is whole: what it names exists, and its setup weaves only the targets it declares. */
class ClientModulesTest {

    static List<ClientModule> modules() {
        return ClientModules.all();
    }

    @Test
    void labelsAreUniqueAndInTheListsOrder() {
        List<String> labels = ClientModules.labels();
        assertEquals(new HashSet<>(labels).size(), labels.size());
        assertEquals(List.of("http-url-connection", "jdk-http-client", "apache-httpclient-4", "apache-httpclient-5",
                "apache-httpasyncclient-4", "apache-httpclient-5-async", "okhttp"),
                labels);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void theSetupWeavesOnlyDeclaredTargetsUnderEveryPolicy(ClientModule module) throws Exception {
        Set<String> targets = Set.of(module.targets());
        Set<String> woven = new HashSet<>();
        for (RetryPolicy policy : List.of(RetryPolicy.DEFAULTS, RetryPolicy.builder().retryOnFailures(dev.rebound.engine.FailureKind.values()).build(), RetryPolicy.builder().retryOnFailures().build())) {
            ClientSetup setup = (ClientSetup) Class.forName(module.setupClass()).getDeclaredConstructor().newInstance();
            RetryEngine engine = new RetryEngine(policy, Clock.SYSTEM, RandomSource.THREAD_LOCAL, CallListener.NOOP);
            setup.install(module, engine, clientOf(module), (wovenClass, bridge) -> null);
            List<TypeWeave> weaves = setup.weaves(policy);
            assertFalse(weaves.isEmpty(), "weaves something");
            woven.addAll(weaves.stream().map(TypeWeave::internalName).collect(Collectors.toList()));
        }
        assertEquals(targets, woven, "every declared target is woven under some policy, and nothing else");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void everyDeclaredPackageHasClassesAndTheDescriptorStaysOut(ClientModule module) throws Exception {
        AgentJar jar = AgentJar.open();
        for (String prefix : module.bootPackages()) {
            AgentJar.Classes classes = jar.classes(name -> name.startsWith(prefix));
            assertFalse(classes.isEmpty(), prefix);
        }
        for (String prefix : module.appLoaderPackages()) {
            assertFalse(jar.classes(name -> name.startsWith(prefix)).isEmpty(), prefix);
        }
        assertNotNull(ClientModulesTest.class.getResource("/" + module.setupClass().replace('.', '/') + ".class"));
        assertTrue(module.declaredBy().startsWith("dev.rebound.client."), "declared in a client package");
    }

    private static Client clientOf(ClientModule module) {
        return Client.named(module.label());
    }
}
