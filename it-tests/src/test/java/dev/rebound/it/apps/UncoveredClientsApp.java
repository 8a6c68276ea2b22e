package dev.rebound.it.apps;

import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import javax.management.ObjectName;
import reactor.core.publisher.Mono;

/**
 * Calls {@code <base>/<client>} twice through each client named, each call on a client of its own:
 * {@code reactor-netty}, {@code jetty}, {@code wagon} (Apache HttpClient 4 as Maven's HTTP wagon relocates
 * it), and the covered {@code huc} and {@code apache4}. Prints {@code client=<name> status=<code>} per call,
 * then, with the agent's metrics port set, its {@code /metrics} and its MBean's {@code UncoveredClients}.
 *
 * <p>Args: {@code <base url> <client>...}
 */
public final class UncoveredClientsApp {
    private static final Duration CALL_LIMIT = Duration.ofSeconds(10);

    private UncoveredClientsApp() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        for (String client : Arrays.copyOfRange(args, 1, args.length)) {
            for (int call = 0; call < 2; call++) {
                System.out.println("client=" + client + " status=" + call(client, base + "/" + client));
            }
        }
        String port = System.getProperty("rebound.metrics.prometheus.port");
        if (port != null) {
            System.out.println("metrics-begin");
            System.out.print(AgentEndpoints.scrape(Integer.parseInt(port)));
            System.out.println("metrics-end");
            AgentEndpoints.jmx(); // waits for the MBean
            String[] uncovered = (String[]) ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("rebound:type=Agent"), "UncoveredClients");
            System.out.println("jmx-uncovered=" + String.join(",", uncovered));
        }
        System.out.println("done");
        System.exit(0);
    }

    private static int call(String client, String url) throws Exception {
        switch (client) {
            case "reactor-netty":
                return reactor.netty.http.client.HttpClient.create()
                        .get().uri(url)
                        .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                                .then(Mono.just(response.status().code())))
                        .block(CALL_LIMIT);
            case "jetty": {
                org.eclipse.jetty.client.HttpClient jetty = new org.eclipse.jetty.client.HttpClient();
                jetty.start();
                try {
                    return jetty.newRequest(url).timeout(CALL_LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                            .send().getStatus();
                } finally {
                    jetty.stop();
                }
            }
            case "wagon":
                try (org.apache.maven.wagon.providers.http.httpclient.impl.client.CloseableHttpClient wagon =
                             org.apache.maven.wagon.providers.http.httpclient.impl.client.HttpClients.createDefault();
                     org.apache.maven.wagon.providers.http.httpclient.client.methods.CloseableHttpResponse response =
                             wagon.execute(new org.apache.maven.wagon.providers.http.httpclient.client.methods.HttpGet(url))) {
                    org.apache.maven.wagon.providers.http.httpclient.util.EntityUtils.consume(response.getEntity());
                    return response.getStatusLine().getStatusCode();
                }
            case "apache4":
                try (org.apache.http.impl.client.CloseableHttpClient apache = org.apache.http.impl.client.HttpClients.createDefault();
                     org.apache.http.client.methods.CloseableHttpResponse response =
                             apache.execute(new org.apache.http.client.methods.HttpGet(url))) {
                    org.apache.http.util.EntityUtils.consume(response.getEntity());
                    return response.getStatusLine().getStatusCode();
                }
            case "huc": {
                HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
                connection.setConnectTimeout((int) CALL_LIMIT.toMillis());
                connection.setReadTimeout((int) CALL_LIMIT.toMillis());
                try {
                    return connection.getResponseCode();
                } finally {
                    connection.disconnect();
                }
            }
            default:
                throw new IllegalArgumentException("unknown client " + client);
        }
    }
}
