package dev.rebound.it.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * An app under steady load while its rebound configuration changes: {@code <base url> <threads>}. Each thread
 * loops GETs, one at a time, on paths of its own ({@code /<client>/<thread>/<n>}), the threads taking turns
 * over HttpURLConnection, the JDK client and Apache HttpClient 5 (run with the sample app's jar). Commands on
 * stdin, one per line:
 * <ul>
 *   <li>{@code jmx <Attribute> <value>}: sets the attribute of {@code rebound:type=Agent} through the platform
 *   MBean server, as an operator's JMX console would; prints {@code jmx ok <Attribute>} or
 *   {@code jmx refused <Attribute> <message>}. {@code Enabled} and {@code MaxAttempts} are sent typed.</li>
 *   <li>{@code stop}: ends the loops, waits for the calls under way, and prints
 *   {@code stopped calls=<n> ok=<n> bad-gateway=<n> other=<n> errors=<n>}: what the app saw.</li>
 * </ul>
 * Ends by itself after two minutes.
 */
public final class LiveConfigApp {
    private static final String[] CLIENTS = {"url", "jdk", "apache5"};
    private static volatile boolean running = true;
    private static final AtomicLong calls = new AtomicLong();
    private static final AtomicLong ok = new AtomicLong();
    private static final AtomicLong badGateway = new AtomicLong();
    private static final AtomicLong other = new AtomicLong();
    private static final AtomicLong errors = new AtomicLong();

    private LiveConfigApp() {
    }

    public static void main(String[] args) throws Exception {
        Watchdog.exitAfter(120_000);
        String base = args[0];
        int threads = Integer.parseInt(args[1]);
        HttpClient jdk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var five = org.apache.hc.client5.http.impl.classic.HttpClients.custom().disableAutomaticRetries()
                .setConnectionManager(org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder
                        .create().setMaxConnTotal(threads).setMaxConnPerRoute(threads).build())
                .build();
        List<Thread> loops = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String client = CLIENTS[t % CLIENTS.length];
            String prefix = base + "/" + client + "/" + t + "/";
            Thread loop = new Thread(() -> {
                for (int n = 1; running; n++) {
                    String url = prefix + n;
                    try {
                        int status = switch (client) {
                            case "url" -> url(url);
                            case "jdk" -> jdk.send(HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray())
                                    .statusCode();
                            default -> {
                                try (var response = five.executeOpen(null,
                                        new org.apache.hc.client5.http.classic.methods.HttpGet(url), null)) {
                                    org.apache.hc.core5.http.io.entity.EntityUtils.consume(response.getEntity());
                                    yield response.getCode();
                                }
                            }
                        };
                        (status == 200 ? ok : status == 502 ? badGateway : other).incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        System.out.println("error " + url + " " + e);
                    }
                    calls.incrementAndGet();
                }
            }, "load-" + t);
            loop.start();
            loops.add(loop);
        }
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.trim().split(" ", 3);
            if (words[0].equals("jmx")) {
                System.out.println(jmx(words[1], words.length > 2 ? words[2] : ""));
            } else if (words[0].equals("stop")) {
                running = false;
                for (Thread loop : loops) {
                    loop.join(30_000);
                }
                System.out.println("stopped calls=" + calls + " ok=" + ok + " bad-gateway=" + badGateway
                        + " other=" + other + " errors=" + errors);
            }
            System.out.flush();
        }
    }

    private static String jmx(String attribute, String value) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("rebound:type=Agent");
        long deadline = System.currentTimeMillis() + 10_000;
        while (!server.isRegistered(agent)) {
            if (System.currentTimeMillis() > deadline) {
                return "jmx missing";
            }
            Thread.sleep(100);
        }
        Object typed = attribute.equals("Enabled") ? (Object) Boolean.valueOf(value)
                : attribute.equals("MaxAttempts") ? (Object) Integer.valueOf(value) : value;
        try {
            server.setAttribute(agent, new Attribute(attribute, typed));
            return "jmx ok " + attribute + " now " + server.getAttribute(agent, attribute);
        } catch (javax.management.InvalidAttributeValueException e) {
            return "jmx refused " + attribute + " " + e.getMessage();
        }
    }

    private static int url(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(10000);
        int status = c.getResponseCode();
        try (InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (body != null) {
                body.readAllBytes();
            }
        }
        return status;
    }
}
