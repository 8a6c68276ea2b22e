package dev.rebound.agent;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Known HTTP clients rebound does not retry, each told by a class the app loads only when it uses that
 * client. Data, so that a client rebound comes to cover drops out by its label alone: an entry whose library
 * label is among the covered clients' labels is left out.
 */
final class UncoveredClients {
    /** Every telling class's simple name ends so: one cheap test rules out nearly every class load. */
    static final String SUFFIX = "Client";

    /** Library label (the metric's {@code library}), then the class that shows it is in use. */
    static final String[][] EXACT = {
        {"reactor-netty", "reactor/netty/http/client/HttpClient"},
        {"jetty-client", "org/eclipse/jetty/client/HttpClient"},
        {"vertx-http-client", "io/vertx/core/http/HttpClient"},
        {"async-http-client", "org/asynchttpclient/DefaultAsyncHttpClient"},
        {"async-http-client", "com/ning/http/client/AsyncHttpClient"},
        {"okhttp", "okhttp3/OkHttpClient"},
        {"okhttp-2", "com/squareup/okhttp/OkHttpClient"},
        {"apache-httpasyncclient-4", "org/apache/http/impl/nio/client/CloseableHttpAsyncClient"},
        {"apache-httpclient-5-async", "org/apache/hc/client5/http/impl/async/CloseableHttpAsyncClient"},
        {"aws-sdk-netty-nio-client", "software/amazon/awssdk/http/nio/netty/NettyNioAsyncHttpClient"},
        {"aws-crt-http-client", "software/amazon/awssdk/http/crt/AwsCrtHttpClient"},
        {"aws-crt-http-client", "software/amazon/awssdk/http/crt/AwsCrtAsyncHttpClient"},
        {"micronaut-http-client", "io/micronaut/http/client/netty/DefaultHttpClient"},
        {"armeria", "com/linecorp/armeria/client/WebClient"},
    };

    /**
     * A copy of Apache HttpClient relocated into another package (a shaded jar, such as Maven's HTTP wagon),
     * told by its shape: library label, the end of the class name, and the original package it is not in.
     * rebound weaves the original classes by name only, so a relocated copy is never retried.
     */
    static final String[][] RELOCATED = {
        {"apache-httpclient-4-relocated", "/impl/client/InternalHttpClient", "org/apache/http/"},
        {"apache-httpclient-4-relocated", "/impl/client/MinimalHttpClient", "org/apache/http/"},
        {"apache-httpclient-4-relocated", "/impl/client/AbstractHttpClient", "org/apache/http/"},
        {"apache-httpclient-5-relocated", "/impl/classic/InternalHttpClient", "org/apache/hc/client5/"},
        {"apache-httpclient-5-relocated", "/impl/classic/MinimalHttpClient", "org/apache/hc/client5/"},
    };

    private final Map<String, String> exact = new HashMap<String, String>();
    private final String[][] relocated;

    /** @param covered labels of the clients rebound covers in this JVM; their entries are left out */
    UncoveredClients(Collection<String> covered) {
        for (String[] entry : EXACT) {
            if (!covered.contains(entry[0])) {
                exact.put(entry[1], entry[0]);
            }
        }
        int kept = 0;
        String[][] rules = new String[RELOCATED.length][];
        for (String[] rule : RELOCATED) {
            if (!covered.contains(rule[0])) {
                rules[kept++] = rule;
            }
        }
        relocated = new String[kept][];
        System.arraycopy(rules, 0, relocated, 0, kept);
    }

    /**
     * The library label of an uncovered client this class tells of, or null (nearly always, and then
     * without allocating).
     *
     * @param internalName a class name as a transformer sees it, {@code a/b/C}
     */
    String libraryOf(String internalName) {
        if (internalName == null || !internalName.endsWith(SUFFIX)) {
            return null;
        }
        String library = exact.get(internalName);
        if (library != null) {
            return library;
        }
        for (String[] rule : relocated) {
            if (internalName.endsWith(rule[1]) && !internalName.startsWith(rule[2])) {
                return rule[0];
            }
        }
        return null;
    }

    /** The same for a loaded class, by {@link Class#getName()}. */
    String libraryOfLoaded(String binaryName) {
        if (binaryName == null || !binaryName.endsWith(SUFFIX)) {
            return null;
        }
        return libraryOf(binaryName.replace('.', '/'));
    }
}
