package dev.rebound.it;

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
 */
record ClientKind(String name, String label, List<String> entries, boolean streams, int retryAfterStatus,
                  String refusedError, String timeoutError) {

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

    static final List<ClientKind> ALL = List.of(URL_CONNECTION, JDK, JDK_ASYNC, APACHE4, APACHE5);
    /** {@link #ALL} and the Apache async clients, for the suites that cover every client. */
    static final List<ClientKind> EVERY = List.of(URL_CONNECTION, JDK, JDK_ASYNC, APACHE4, APACHE5, APACHE4_ASYNC,
            APACHE5_ASYNC);

    /** The agent's labels of every client but this one. */
    List<String> otherLabels() {
        return ALL.stream().map(ClientKind::label).filter(l -> !l.equals(label)).distinct().toList();
    }

    /** Shown in test names. */
    @Override
    public String toString() {
        return name;
    }
}
