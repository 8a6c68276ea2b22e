package dev.rebound.agent;

import dev.rebound.agent.weave.HookArg;
import dev.rebound.agent.weave.ReturnFilter;
import dev.rebound.agent.weave.TypeWeave;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class ReboundTransformerTest {
    private static final String DISPATCHER = "dev/rebound/agent/weave/Dispatcher";
    private static final String EXCHANGE = "dev/rebound/agent/weave/Exchange";

    private int prepared;

    @Test
    void aPreparationRunsOnceBeforeTheFirstOfItsClassesIsWoven() throws IOException {
        ReboundTransformer transformer = new ReboundTransformer();
        transformer.add("test-client", List.of(filterFor(DISPATCHER), filterFor(EXCHANGE)), false, () -> prepared++);
        assertEquals(0, prepared, "nothing runs at start-up");

        assertNotNull(transform(transformer, null, DISPATCHER));
        assertNotNull(transform(transformer, null, EXCHANGE));
        assertEquals(1, prepared);
    }

    @Test
    void whenThePreparationFailsNoneOfItsClassesIsWovenAndItIsNotRetried() throws IOException {
        ReboundTransformer transformer = new ReboundTransformer();
        transformer.add("test-client", List.of(filterFor(DISPATCHER), filterFor(EXCHANGE)), false, () -> {
            prepared++;
            throw new IllegalStateException("no hooks today");
        });

        assertNull(transform(transformer, null, DISPATCHER));
        assertNull(transform(transformer, null, EXCHANGE));
        assertEquals(1, prepared);
    }

    @Test
    void jdkClassesComeOnlyFromTheJdksOwnLoaders() throws IOException {
        ReboundTransformer transformer = new ReboundTransformer();
        transformer.add("test-client", List.of(filterFor(DISPATCHER)), true, () -> prepared++);
        ClassLoader app = ReboundTransformerTest.class.getClassLoader();

        assertNull(transform(transformer, app, DISPATCHER), "an app loader's class of that name is an impostor");
        assertEquals(0, prepared);
        assertNotNull(transform(transformer, ClassLoader.getPlatformClassLoader(), DISPATCHER));
        assertNotNull(transform(transformer, null, DISPATCHER));
    }

    @Test
    void thePlatformLoaderIsFoundWithoutReflection() {
        assertSame(ClassLoader.getPlatformClassLoader(), PlatformInjector.platformLoader());
        assertEquals(true, PlatformInjector.has("java.net.http.HttpClient"));
        assertEquals(false, PlatformInjector.has("java.net.http.NoSuchClient"));
    }

    private static TypeWeave filterFor(String owner) {
        return TypeWeave.builder(owner)
                .returnFilter(new ReturnFilter(owner.endsWith("Dispatcher") ? "dispatch" : "fetch",
                        owner.endsWith("Dispatcher") ? "(Ljava/lang/String;JLjava/lang/Object;)Ljava/lang/Object;"
                                : "(IJ)Ljava/lang/String;",
                        "dev/rebound/agent/weave/FilterHooks", "filterResult", HookArg.self(), HookArg.self()))
                .build();
    }

    private static byte[] transform(ReboundTransformer transformer, ClassLoader loader, String internalName)
            throws IOException {
        return transformer.transform(loader, internalName, null, null, bytes(internalName));
    }

    private static byte[] bytes(String internalName) throws IOException {
        try (InputStream in = ReboundTransformerTest.class.getResourceAsStream("/" + internalName + ".class")) {
            return in.readAllBytes();
        }
    }
}
