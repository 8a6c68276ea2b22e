package dev.rebound.agent;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rebound.agent.weave.EntryFlag;
import dev.rebound.agent.weave.HookArg;
import dev.rebound.agent.weave.RetryLoop;
import dev.rebound.agent.weave.TypeWeave;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which loaders' classes are woven: JDK targets from the bootstrap loader only, library targets from the others. */
class ReboundTransformerTest {
    private static final String EXCHANGE = "dev/rebound/agent/weave/Exchange";

    /** A loop on the test's Exchange class whose hooks live in {@code hookOwner}. */
    private static ReboundTransformer transformerFor(String hookOwner, boolean jdkClass) {
        RetryLoop loop = new RetryLoop("fetch", "(IJ)Ljava/lang/String;", hookOwner, "enter", new HookArg[0], "exit");
        ReboundTransformer transformer = new ReboundTransformer();
        transformer.add("test", List.of(TypeWeave.of(EXCHANGE, List.of(loop), Collections.<EntryFlag>emptyList())), jdkClass);
        return transformer;
    }

    private static byte[] exchangeBytes() throws IOException {
        try (InputStream in = ReboundTransformerTest.class.getResourceAsStream("weave/Exchange.class")) {
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
        ReboundTransformer transformer = transformerFor("dev/rebound/agent/weave/TestHooks", false);
        assertNull(transformer.transform(ReboundTransformerTest.class.getClassLoader(), EXCHANGE, null, null,
                exchangeBytes()));
    }

    @Test
    void jdkTargetsComeFromTheBootstrapLoaderOnly() throws IOException {
        ReboundTransformer transformer = transformerFor("java/lang/String", true);
        assertNotNull(transformer.transform(null, EXCHANGE, null, null, exchangeBytes()));
        assertNull(transformer.transform(ReboundTransformerTest.class.getClassLoader(), EXCHANGE, null, null,
                exchangeBytes()));
    }
}
