package dev.rebound.it.apps;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An app that rebound is attached to while it runs: {@code <base url>}; it loops forever, a round at a time,
 * one GET per client on a path of its own ({@code /<client>/<round>}): HttpURLConnection, the JDK client,
 * Apache HttpClient 5 and 4 (one client of each, made once, so each client's classes are loaded and used
 * before any attach). Prints {@code round <n>} after each round and ends by itself after two minutes. Run
 * with the sample app's jar, which bundles both Apache versions.
 */
public final class AttachLoopApp {
    public static final String[] CLIENTS = {"url", "jdk", "apache5", "apache4"};

    private AttachLoopApp() {
    }

    public static void main(String[] args) throws Exception {
        Watchdog.exitAfter(120_000);
        String base = args[0];
        HttpClient jdk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var five = org.apache.hc.client5.http.impl.classic.HttpClients.custom().disableAutomaticRetries().build();
        var four = org.apache.http.impl.client.HttpClients.custom().disableAutomaticRetries().build();
        for (int round = 1; ; round++) {
            for (String client : CLIENTS) {
                String url = base + "/" + client + "/" + round;
                try {
                    switch (client) {
                        case "url" -> url(url);
                        case "jdk" -> jdk.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        case "apache5" -> {
                            try (var response = five.executeOpen(null,
                                    new org.apache.hc.client5.http.classic.methods.HttpGet(url), null)) {
                                org.apache.hc.core5.http.io.entity.EntityUtils.consume(response.getEntity());
                            }
                        }
                        default -> {
                            try (var response = four.execute(new org.apache.http.client.methods.HttpGet(url))) {
                                org.apache.http.util.EntityUtils.consume(response.getEntity());
                            }
                        }
                    }
                } catch (IOException e) {
                    System.out.println("error " + client + " " + round + " " + e);
                }
            }
            System.out.println("round " + round);
            System.out.flush();
            Thread.sleep(50);
        }
    }

    private static void url(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        int status = c.getResponseCode();
        try (InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (body != null) {
                body.readAllBytes();
            }
        }
    }
}
