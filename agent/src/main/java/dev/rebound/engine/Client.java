package dev.rebound.engine;

/** The instrumented clients, as labels only: the engine knows none of their types. */
public enum Client {
    HTTP_URL_CONNECTION("http-url-connection"),
    JDK_HTTP_CLIENT("jdk-http-client"),
    APACHE_HTTPCLIENT_4("apache-httpclient-4"),
    APACHE_HTTPCLIENT_5("apache-httpclient-5"),
    OKHTTP("okhttp");

    private final String label;

    Client(String label) {
        this.label = label;
    }

    /** The name used in metrics and in {@code instrumentation.<name>.enabled}. */
    public String label() {
        return label;
    }
}
