package dev.rebound.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A real nginx returning genuine 502 pages because its backend drops connections. Backend
 * connections are the wire attempts ({@code proxy_next_upstream off}: one per client request).
 */
class NginxTest {

    private static final String PATH = "/orders/42";

    @AcrossJdksWithAndWithoutAgent
    void recoversOnceTheBackendAnswers(Jdk jdk, boolean agent) {
        byte[] answer = ("order 42 from the backend " + java.util.UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        try (DroppingBackend backend = DroppingBackend.start(2, answer);
             NginxFixture nginx = NginxFixture.start(backend.port())) {

            ChildResult result = runApp(jdk, agent, nginx.url(PATH));

            CallLine call = result.app().only();
            if (agent) {
                assertEquals(3, backend.connections(), () -> "backend connections\n" + result.describe() + nginx.logs());
                assertEquals(Integer.valueOf(200), call.status(), () -> result.describe() + nginx.logs());
                assertEquals(Sha256.hex(answer), call.sha256(), () -> "the backend's body\n" + result.describe());
            } else {
                assertEquals(1, backend.connections(), () -> "backend connections\n" + result.describe() + nginx.logs());
                assertEquals(Integer.valueOf(502), call.status(), () -> result.describe() + nginx.logs());
            }
        }
    }

    @AcrossJdks
    void exhaustionHandsTheAppNginxs502PageIntact(Jdk jdk) throws IOException {
        try (DroppingBackend backend = DroppingBackend.start(Integer.MAX_VALUE, new byte[0]);
             NginxFixture nginx = NginxFixture.start(backend.port())) {
            byte[] page = fetchErrorPage(nginx.url(PATH));
            String text = new String(page, StandardCharsets.UTF_8);
            assertTrue(text.contains("502 Bad Gateway") && text.contains("nginx"), () -> "nginx's own 502 page: " + text);
            int before = backend.connections();

            ChildResult plain = runApp(jdk, false, nginx.url(PATH));
            assertEquals(Sha256.hex(page), plain.app().only().sha256(), () -> "page without the agent\n" + plain.describe());
            assertEquals(before + 1, backend.connections(), plain::describe);

            ChildResult withAgent = runApp(jdk, true, nginx.url(PATH));
            CallLine call = withAgent.app().only();
            assertEquals(Integer.valueOf(502), call.status(), withAgent::describe);
            assertEquals(Sha256.hex(page), call.sha256(), () -> "nginx's page, intact, after retries\n" + withAgent.describe());
            assertEquals(page.length, call.bytes(), withAgent::describe);
            assertEquals(before + 1 + 3, backend.connections(),
                    () -> "three attempts with the agent\n" + withAgent.describe() + nginx.logs());
        }
    }

    private static ChildResult runApp(Jdk jdk, boolean agent, String url) {
        ChildResult result = ChildJvm.on(jdk).agent(agent).sampleApp()
                .args("--timeout-ms", UpstreamTest.CALL_TIMEOUT_MS, url).run();
        assertEquals(0, result.exitCode(), result::describe);
        return result;
    }

    /** The page nginx serves for a dropped backend, fetched by this (agent-free) JVM. */
    private static byte[] fetchErrorPage(String url) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) new URL(url).openConnection(Proxy.NO_PROXY);
        conn.setConnectTimeout(5_000);
        conn.setReadTimeout(5_000);
        try {
            assertEquals(502, conn.getResponseCode());
            try (InputStream in = conn.getErrorStream()) {
                return in.readAllBytes();
            }
        } finally {
            conn.disconnect();
        }
    }
}
