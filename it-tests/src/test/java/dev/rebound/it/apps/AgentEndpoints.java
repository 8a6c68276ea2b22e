package dev.rebound.it.apps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What a test app reads from the agent in its own JVM: the Prometheus endpoint on
 * {@code 127.0.0.1:<port>}, over a raw socket so that the scrape itself is not instrumented, and the
 * JMX MBean.
 */
final class AgentEndpoints {

    private static final long SCRAPE_LIMIT_MS = 5_000;

    private AgentEndpoints() {
    }

    /**
     * The same counters through the platform MBean server, read in-app once the agent has registered its
     * MBean (it does so a second after start-up); as {@code jmx requests=<n> retries=<n>}.
     */
    static String jmx() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("rebound:type=Agent");
        long deadline = System.currentTimeMillis() + SCRAPE_LIMIT_MS;
        while (!server.isRegistered(agent)) {
            if (System.currentTimeMillis() > deadline) {
                return "jmx missing";
            }
            Thread.sleep(100);
        }
        return "jmx requests=" + server.getAttribute(agent, "Requests") + " retries=" + server.getAttribute(agent, "Retries");
    }

    static String scrape(int port) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + SCRAPE_LIMIT_MS;
        IOException last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                return fetch(port);
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IOException("no metrics endpoint on 127.0.0.1:" + port + " within " + SCRAPE_LIMIT_MS + " ms", last);
    }

    private static String fetch(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /metrics HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            if (split < 0 || !response.startsWith("HTTP/1.") || !response.substring(9, 12).equals("200")) {
                throw new IOException("unexpected metrics response: " + response);
            }
            String head = response.substring(0, split).toLowerCase();
            String body = response.substring(split + 4);
            return head.contains("transfer-encoding: chunked") ? dechunk(body) : body;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toByteArray();
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int eol = body.indexOf("\r\n", i);
            int size = Integer.parseInt(body.substring(i, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
