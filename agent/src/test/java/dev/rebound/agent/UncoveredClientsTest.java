package dev.rebound.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.metrics.UncoveredLibraries;
import dev.rebound.testing.Allocations;
import java.util.List;
import org.junit.jupiter.api.Test;

class UncoveredClientsTest {
    private final UncoveredClients none = new UncoveredClients(List.of());

    @Test
    void namesEachKnownClientByItsTellingClass() {
        assertEquals("reactor-netty", none.libraryOf("reactor/netty/http/client/HttpClient"));
        assertEquals("jetty-client", none.libraryOf("org/eclipse/jetty/client/HttpClient"));
        assertEquals("vertx-http-client", none.libraryOf("io/vertx/core/http/HttpClient"));
        assertEquals("async-http-client", none.libraryOf("org/asynchttpclient/DefaultAsyncHttpClient"));
        assertEquals("async-http-client", none.libraryOf("com/ning/http/client/AsyncHttpClient"));
        assertEquals("okhttp", none.libraryOf("okhttp3/OkHttpClient"));
        assertEquals("apache-httpasyncclient-4",
                none.libraryOf("org/apache/http/impl/nio/client/CloseableHttpAsyncClient"));
        assertEquals("apache-httpclient-5-async",
                none.libraryOf("org/apache/hc/client5/http/impl/async/CloseableHttpAsyncClient"));
    }

    @Test
    void everyTellingClassPassesTheCheapFirstTest() {
        for (String[] entry : UncoveredClients.EXACT) {
            assertTrue(entry[1].endsWith(UncoveredClients.SUFFIX), entry[1]);
            assertEquals(entry[0], none.libraryOf(entry[1]), entry[1]);
        }
        for (String[] rule : UncoveredClients.RELOCATED) {
            assertTrue(rule[1].endsWith(UncoveredClients.SUFFIX), rule[1]);
            assertEquals(rule[0], none.libraryOf("com/example/shaded" + rule[1]), rule[1]);
        }
    }

    @Test
    void findsRelocatedApacheByShapeButNotTheOriginalReboundCovers() {
        assertEquals("apache-httpclient-4-relocated",
                none.libraryOf("org/apache/maven/wagon/providers/http/httpclient/impl/client/InternalHttpClient"));
        assertEquals("apache-httpclient-5-relocated",
                none.libraryOf("com/acme/shaded/hc/client5/http/impl/classic/InternalHttpClient"));
        assertNull(none.libraryOf("org/apache/http/impl/client/InternalHttpClient"));
        assertNull(none.libraryOf("org/apache/http/impl/client/AbstractHttpClient"));
        assertNull(none.libraryOf("org/apache/hc/client5/http/impl/classic/InternalHttpClient"));
        // The shape is the package tail, not the simple name alone.
        assertNull(none.libraryOf("com/acme/InternalHttpClient"));
    }

    @Test
    void ignoresEverythingElse() {
        assertNull(none.libraryOf(null));
        assertNull(none.libraryOf("java/lang/String"));
        assertNull(none.libraryOf("java/net/http/HttpClient"));
        assertNull(none.libraryOf("reactor/netty/http/server/HttpServer"));
        assertNull(none.libraryOf("org/eclipse/jetty/client/HttpClientTransport"));
        assertNull(none.libraryOf("com/example/MyHttpClient"));
        assertNull(none.libraryOf("reactor/netty/http/client/HttpClientX"));
    }

    @Test
    void aCoveredClientDropsOutByItsLabel() {
        UncoveredClients withOkHttp = new UncoveredClients(List.of("http-url-connection", "okhttp"));
        assertNull(withOkHttp.libraryOf("okhttp3/OkHttpClient"));
        assertEquals("okhttp-2", withOkHttp.libraryOf("com/squareup/okhttp/OkHttpClient"));
        assertEquals("jetty-client", withOkHttp.libraryOf("org/eclipse/jetty/client/HttpClient"));
        UncoveredClients withRelocated = new UncoveredClients(List.of("apache-httpclient-4-relocated"));
        assertNull(withRelocated.libraryOf("a/b/impl/client/InternalHttpClient"));
        assertEquals("apache-httpclient-5-relocated", withRelocated.libraryOf("a/b/impl/classic/InternalHttpClient"));
    }

    @Test
    void loadedClassesMatchByBinaryName() {
        assertEquals("jetty-client", none.libraryOfLoaded("org.eclipse.jetty.client.HttpClient"));
        assertEquals("apache-httpclient-4-relocated",
                none.libraryOfLoaded("org.apache.maven.wagon.providers.http.httpclient.impl.client.InternalHttpClient"));
        assertNull(none.libraryOfLoaded("org.apache.http.impl.client.InternalHttpClient"));
        assertNull(none.libraryOfLoaded("java.lang.String"));
    }

    @Test
    void addsEachLibraryOnceWhicheverOfItsClassesLoads() {
        UncoveredLibraries libraries = new UncoveredLibraries();
        ReboundTransformer transformer = new ReboundTransformer();
        transformer.watchUncovered(new UncoveredClientWatcher(none, libraries));
        for (String name : new String[] {"reactor/netty/http/client/HttpClient", "reactor/netty/http/client/HttpClient",
                "a/b/impl/client/MinimalHttpClient", "a/b/impl/client/InternalHttpClient", "java/lang/Object"}) {
            assertNull(transformer.transform(null, name, null, null, new byte[0]));
        }
        // A retransformation is not a load.
        assertNull(transformer.transform(null, "org/eclipse/jetty/client/HttpClient", Object.class, null, new byte[0]));
        assertEquals(List.of("apache-httpclient-4-relocated", "reactor-netty"), libraries.labels());
        assertTrue(libraries.add("armeria"));
        assertTrue(!libraries.add("armeria"));
    }

    @Test
    void anOrdinaryClassLoadAllocatesNothing() {
        ReboundTransformer transformer = new ReboundTransformer();
        transformer.watchUncovered(new UncoveredClientWatcher(none, new UncoveredLibraries()));
        byte[] bytes = new byte[0];
        // Fresh names, as the JVM passes them, each past the first test or not.
        String[] names = {new String("com/example/Service"), new String("com/example/OrderClient"),
                new String("org/apache/http/impl/client/InternalHttpClient")};
        long allocated = Allocations.afterWarmUp(() -> {
            for (int i = 0; i < 1000; i++) {
                for (String name : names) {
                    transformer.transform(null, name, null, null, bytes);
                }
            }
        });
        assertEquals(0, allocated);
    }
}
