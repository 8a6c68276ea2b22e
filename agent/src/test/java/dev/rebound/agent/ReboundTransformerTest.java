package dev.rebound.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rebound.weave.EntryFlag;
import dev.rebound.weave.HookArg;
import dev.rebound.weave.RetryLoop;
import dev.rebound.weave.ReturnFilter;
import dev.rebound.weave.TypeWeave;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which loaders' classes are woven (JDK targets from the JDK's own loaders only, library targets from the
 * others), and an instrumentation's one-time preparation before its first class.
 */
class ReboundTransformerTest {
    private static final String EXCHANGE = "dev/rebound/weave/Exchange";
    private static final String DISPATCHER = "dev/rebound/weave/Dispatcher";

    private int prepared;

    /** A loop on the test's Exchange class whose hooks live in {@code hookOwner}. */
    private static ReboundTransformer transformerFor(String hookOwner, boolean jdkClass) {
        RetryLoop loop = new RetryLoop("fetch", "(IJ)Ljava/lang/String;", hookOwner, "enter", new HookArg[0], "exit");
        ReboundTransformer transformer = new ReboundTransformer();
        transformer.add("test", List.of(TypeWeave.of(EXCHANGE, List.of(loop), Collections.<EntryFlag>emptyList())), jdkClass);
        return transformer;
    }

    private static byte[] exchangeBytes() throws IOException {
        return bytes(EXCHANGE);
    }

    private static byte[] bytes(String internalName) throws IOException {
        try (InputStream in = ReboundTransformerTest.class.getResourceAsStream("/" + internalName + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void libraryClassesAreWovenWhenTheirLoaderReachesBootstrapHooks() throws IOException {
        // java.lang.String stands in for a hooks class on the bootstrap path.
        ReboundTransformer transformer = transformerFor("java/lang/String", false);
        ClassLoader app = ReboundTransformerTest.class.getClassLoader();
        assertNotNull(transformer.transform(app, EXCHANGE, null, null, exchangeBytes()));
        assertNull(transformer.transform(null, EXCHANGE, null, null, exchangeBytes()), "not from the bootstrap loader");
    }

    @Test
    void aLoaderThatCannotReachTheHooksOnTheBootstrapPathIsLeftAlone() throws IOException {
        // Here the hooks class comes from the app loader, as it would from a loader that does not delegate.
        ReboundTransformer transformer = transformerFor("dev/rebound/weave/TestHooks", false);
        assertNull(transformer.transform(ReboundTransformerTest.class.getClassLoader(), EXCHANGE, null, null,
                exchangeBytes()));
    }

    @Test
    void jdkTargetsComeFromTheJdksOwnLoadersOnly() throws IOException {
        ReboundTransformer transformer = transformerFor("java/lang/String", true);
        assertNotNull(transformer.transform(null, EXCHANGE, null, null, exchangeBytes()));
        assertNotNull(transformer.transform(ClassLoader.getPlatformClassLoader(), EXCHANGE, null, null, exchangeBytes()),
                "java.net.http is a platform-loader module");
        assertNull(transformer.transform(ReboundTransformerTest.class.getClassLoader(), EXCHANGE, null, null,
                exchangeBytes()));
    }

    @Test
    void aPreparationRunsOnceBeforeTheFirstOfItsClassesIsWoven() throws IOException {
        ReboundTransformer transformer = new ReboundTransformer();
        transformer.add("test-client", List.of(filterFor(DISPATCHER), filterFor(EXCHANGE)), true, () -> prepared++);
        assertEquals(0, prepared, "nothing runs at start-up");

        assertNull(transformer.transform(ReboundTransformerTest.class.getClassLoader(), DISPATCHER, null, null,
                bytes(DISPATCHER)));
        assertEquals(0, prepared, "an impostor's class prepares nothing");
        assertNotNull(transformer.transform(null, DISPATCHER, null, null, bytes(DISPATCHER)));
        assertNotNull(transformer.transform(null, EXCHANGE, null, null, bytes(EXCHANGE)));
        assertEquals(1, prepared);
    }

    @Test
    void whenThePreparationFailsNoneOfItsClassesIsWovenAndItIsNotRetried() throws IOException {
        ReboundTransformer transformer = new ReboundTransformer();
        transformer.add("test-client", List.of(filterFor(DISPATCHER), filterFor(EXCHANGE)), true, () -> {
            prepared++;
            throw new IllegalStateException("no hooks today");
        });

        assertNull(transformer.transform(null, DISPATCHER, null, null, bytes(DISPATCHER)));
        assertNull(transformer.transform(null, EXCHANGE, null, null, bytes(EXCHANGE)));
        assertEquals(1, prepared);
    }

    @Test
    void thePlatformLoaderIsFoundWithoutReflection() {
        assertSame(ClassLoader.getPlatformClassLoader(), ClientClasses.platformLoader());
    }

    private static TypeWeave filterFor(String owner) {
        boolean dispatcher = owner.equals(DISPATCHER);
        return TypeWeave.builder(owner)
                .returnFilter(new ReturnFilter(dispatcher ? "dispatch" : "fetch",
                        dispatcher ? "(Ljava/lang/String;JLjava/lang/Object;)Ljava/lang/Object;" : "(IJ)Ljava/lang/String;",
                        "dev/rebound/weave/FilterHooks", "filterResult", HookArg.self(), HookArg.self()))
                .build();
    }
}
