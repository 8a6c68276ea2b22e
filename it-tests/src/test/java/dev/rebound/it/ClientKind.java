package dev.rebound.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP client as the sample app drives it ({@code --client <name>}), with what the scenario suites
 * need to know about it: how to call it and what it answers with.
 *
 * @param name             the sample app's {@code --client} value
 * @param label            the agent's name for it: {@code client} metric label, switch key, startup line
 * @param entries          the sample app's {@code --entry} ways into a call
 * @param streams          whether the sample app can send a streamed ({@code --streaming}) body with it
 * @param retryAfterStatus the status the Retry-After scenarios use: one the client itself never retries
 * @param refusedError     what the app gets for a refused connection
 * @param timeoutError     what the app gets for a read timeout
 * @param release          the client library's release the app runs with, from jars the build copied
 *                         ({@link Artifacts#okhttpJars}); null for the one bundled in the sample app
 */
record ClientKind(String name, String label, List<String> entries, boolean streams, int retryAfterStatus,
                  String refusedError, String timeoutError, String release) {

    ClientKind(String name, String label, List<String> entries, boolean streams, int retryAfterStatus,
               String refusedError, String timeoutError) {
        this(name, label, entries, streams, retryAfterStatus, refusedError, timeoutError, null);
    }

    static final ClientKind URL_CONNECTION = new ClientKind("url-connection", "http-url-connection",
            List.of("response-code", "input-stream", "connect"), true, 503,
            "java.net.ConnectException", "java.net.SocketTimeoutException");
    static final ClientKind JDK = new ClientKind("jdk", "jdk-http-client", List.of("response-code"), false, 503,
            "java.net.ConnectException", "java.net.http.HttpTimeoutException");
    static final ClientKind JDK_ASYNC = new ClientKind("jdk-async", "jdk-http-client", List.of("response-code"), false,
            503, "java.net.ConnectException", "java.net.http.HttpTimeoutException");
    /** HttpClient 5 retries a 503 itself (ApacheScenariosTest), so its Retry-After scenarios use 502. */
    static final ClientKind APACHE4 = new ClientKind("apache4", "apache-httpclient-4", List.of("response-code", "handler"),
            true, 502, "org.apache.http.conn.HttpHostConnectException", "java.net.SocketTimeoutException");
    static final ClientKind APACHE5 = new ClientKind("apache5", "apache-httpclient-5", List.of("response-code", "handler"),
            true, 502, "org.apache.hc.client5.http.HttpHostConnectException", "java.net.SocketTimeoutException");

    /** HttpAsyncClient 4.1 and HttpClient 5 async, by {@code execute(request, callback)} and the future. */
    static final ClientKind APACHE4_ASYNC = new ClientKind("apache4-async", "apache-httpasyncclient-4",
            List.of("response-code"), true, 502, "java.net.ConnectException", "java.net.SocketTimeoutException");
    static final ClientKind APACHE5_ASYNC = new ClientKind("apache5-async", "apache-httpclient-5-async",
            List.of("response-code"), false, 502, "org.apache.hc.client5.http.HttpHostConnectException",
            "java.net.SocketTimeoutException");

    /** OkHttp 5.x, bundled in the sample app: {@code execute()} and {@code enqueue(Callback)}. */
    static final ClientKind OKHTTP = okhttp("okhttp", null);
    static final ClientKind OKHTTP_ASYNC = okhttp("okhttp-async", null);
    /** OkHttp 3.14 and 4.12, from the jars the build copies, ahead of the sample app's own. */
    static final ClientKind OKHTTP3 = okhttp("okhttp", "3");
    static final ClientKind OKHTTP3_ASYNC = okhttp("okhttp-async", "3");
    static final ClientKind OKHTTP4 = okhttp("okhttp", "4");
    static final ClientKind OKHTTP4_ASYNC = okhttp("okhttp-async", "4");

    static final List<ClientKind> ALL = List.of(URL_CONNECTION, JDK, JDK_ASYNC, APACHE4, APACHE5, OKHTTP, OKHTTP_ASYNC);
    /** {@link #ALL} and the Apache async clients, for the suites that cover every client. */
    static final List<ClientKind> EVERY = List.of(URL_CONNECTION, JDK, JDK_ASYNC, APACHE4, APACHE5, OKHTTP, OKHTTP_ASYNC,
            APACHE4_ASYNC, APACHE5_ASYNC);

    /** OkHttp retries a 503 itself only with {@code Retry-After: 0}: the Retry-After scenarios' 1 s and more it leaves alone. */
    private static ClientKind okhttp(String name, String release) {
        return new ClientKind(name, "okhttp", List.of("response-code"), true, 503,
                "java.net.ConnectException", "java.net.SocketTimeoutException", release);
    }

    /** The child's class path after the test classes: a copied release's jars first, then the sample app. */
    List<Path> appClassPath() {
        List<Path> entries = new ArrayList<>();
        if (release != null) {
            entries.addAll(Artifacts.okhttpJars(release));
        }
        entries.add(Artifacts.sampleAppJar());
        return entries;
    }

    /** The agent's labels of every client but this one. */
    List<String> otherLabels() {
        return ALL.stream().map(ClientKind::label).filter(l -> !l.equals(label)).distinct().toList();
    }

    /** Shown in test names. */
    @Override
    public String toString() {
        return release == null ? name : name + "@" + release;
    }
}
