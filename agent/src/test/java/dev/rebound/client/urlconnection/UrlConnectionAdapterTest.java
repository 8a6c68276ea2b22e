package dev.rebound.client.urlconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.rebound.engine.CallListener;
import dev.rebound.engine.Client;
import dev.rebound.engine.Clock;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.Outcome;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.engine.RetryRule;
import dev.rebound.engine.RetryRules;
import dev.rebound.engine.SkipCause;
import dev.rebound.testing.Allocations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter and hooks driven by a real {@link HttpURLConnection} against a JDK {@code HttpServer} on
 * loopback, the way the code woven into {@code getInputStream0} and {@code connect()} drives them: enter,
 * the original body, exit, and (when exit says so) the woven loop's reset of the connection's fields and
 * a re-run. The server counts what reached the wire. The random source is 0, so every backoff is 0 ns.
 */
class UrlConnectionAdapterTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Queue<int[]>> script = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            Queue<int[]> answers = script.get(path);
            int[] answer = answers == null || answers.isEmpty() ? new int[] {200, -1} : answers.size() > 1 ? answers.poll() : answers.peek();
            if (answer[1] >= 0) {
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(answer[1]));
            }
            byte[] body = ("status " + answer[0]).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer[0], body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        UrlConnectionHooks.install(null);
        server.stop(0);
    }

    private void install(RetryPolicy policy) {
        CallListener listener = new CallListener() {
            @Override
            public void callEnded(Client client, String host, String method, Outcome outcome) {
                events.add(client.label() + " " + method + " " + outcome.label());
            }

            @Override
            public void retried(Client client, String host, String reason, long delayNanos) {
                events.add("retried " + reason);
            }

            @Override
            public void retrySkipped(Client client, String host, SkipCause cause) {
                events.add("skipped " + cause.label());
            }
        };
        UrlConnectionHooks.install(new UrlConnectionAdapter(new RetryEngine(policy, Clock.SYSTEM, () -> 0.0, listener)));
    }

    /** Answers {@code path} with these statuses in turn, the last one from then on; {@code status, retryAfter} pairs. */
    private String script(String path, int[]... answers) {
        Queue<int[]> q = new ArrayDeque<>();
        Collections.addAll(q, answers);
        script.put(path, q);
        return path;
    }

    private HttpURLConnection open(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + server.getAddress().getPort() + path)
                .openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(5_000);
        return c;
    }

    private int wire(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    @Test
    void aHealthyCallIsOneAttemptCountedOk() throws Exception {
        install(RetryPolicy.DEFAULTS);
        String path = script("/fine", new int[] {200, -1});
        assertEquals("status 200", read(Woven.exchange(open(path))));
        assertEquals(1, wire(path));
        assertEquals(List.of("http-url-connection GET ok"), events);
    }

    @Test
    void a503IsRetriedOnTheSameConnectionAndTheAppGetsTheRecoveredResponse() throws Exception {
        install(RetryPolicy.DEFAULTS);
        String path = script("/flaky", new int[] {503, -1}, new int[] {503, 0}, new int[] {200, -1});
        HttpURLConnection c = open(path);
        assertEquals("status 200", read(Woven.exchange(c)));
        assertEquals(200, c.getResponseCode());
        assertEquals(3, wire(path));
        assertEquals(List.of("retried 503", "retried 503", "http-url-connection GET recovered"), events);
    }

    @Test
    void onExhaustionTheAppGetsTheLastAnswerAsTheJdkGivesIt() throws Exception {
        install(RetryPolicy.DEFAULTS);
        String path = script("/down", new int[] {502, -1});
        HttpURLConnection c = open(path);
        IOException thrown = assertThrows(IOException.class, () -> Woven.exchange(c));
        assertTrue(thrown.getMessage().contains("502"), thrown.getMessage());
        assertEquals(502, c.getResponseCode());
        assertEquals(3, wire(path));
        assertEquals(List.of("retried 502", "retried 502", "http-url-connection GET exhausted"), events);
    }

    @Test
    void aStatusThatIsNoCandidateIsTheWholeCall() throws Exception {
        install(RetryPolicy.DEFAULTS);
        String path = script("/missing", new int[] {404, -1});
        assertThrows(IOException.class, () -> Woven.exchange(open(path)));
        assertEquals(1, wire(path));
        assertEquals(List.of("http-url-connection GET ok"), events, "the host answered");
    }

    @Test
    void aPostIsRetriedOnlyWithAnIdempotencyKey() throws Exception {
        install(RetryPolicy.DEFAULTS);
        String plain = script("/post", new int[] {503, -1}, new int[] {200, -1});
        HttpURLConnection c = post(open(plain), false);
        assertThrows(IOException.class, () -> Woven.exchange(c));
        assertEquals(1, wire(plain));

        String keyed = script("/post-keyed", new int[] {503, -1}, new int[] {200, -1});
        HttpURLConnection k = open(keyed);
        k.setRequestProperty("Idempotency-Key", "k-1");
        assertEquals("status 200", read(Woven.exchange(post(k, false))));
        assertEquals(2, wire(keyed));
        assertEquals(List.of("skipped method", "http-url-connection POST not_retried",
                "retried 503", "http-url-connection POST recovered"), events);
    }

    @Test
    void aStreamedBodyIsNeverSentAgain() throws Exception {
        install(RetryPolicy.DEFAULTS);
        String path = script("/stream", new int[] {503, -1}, new int[] {200, -1});
        HttpURLConnection c = open(path);
        c.setRequestProperty("Idempotency-Key", "k-2");
        c.setFixedLengthStreamingMode(4);
        assertThrows(IOException.class, () -> Woven.exchange(post(c, true)));
        assertEquals(1, wire(path));
        assertEquals(List.of("skipped body", "http-url-connection POST not_retried"), events);
    }

    @Test
    void aRetryAfterBeyondTheLimitIsNotWaitedFor() throws Exception {
        install(RetryPolicy.DEFAULTS);
        String path = script("/later", new int[] {503, 3600});
        assertThrows(IOException.class, () -> Woven.exchange(open(path)));
        assertEquals(1, wire(path));
        assertEquals(List.of("skipped retry_after", "http-url-connection GET not_retried"), events);
    }

    @Test
    void anExplicitConnectRefusedIsRetriedEvenForAPost() throws Exception {
        install(RetryPolicy.DEFAULTS);
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + closed + "/x").openConnection();
        c.setRequestMethod("POST");
        assertThrows(ConnectException.class, () -> Woven.connect(c));
        assertEquals(List.of("retried " + FailureKind.CONNECT_FAILURE.label(),
                "retried " + FailureKind.CONNECT_FAILURE.label(), "http-url-connection POST exhausted"), events);
    }

    @Test
    void theJdksHiddenResendIsOffOnlyWhileRebound_resendsResets() throws Exception {
        RetryPolicy resets = RetryPolicy.builder()
                .retryOnFailures(FailureKind.CONNECT_FAILURE, FailureKind.RESET).build();
        install(resets);
        assertTrue(suppressedDuring(open("/get"), "GET"));
        assertFalse(suppressedDuring(open("/post"), "POST"));
        install(RetryPolicy.DEFAULTS);
        assertFalse(suppressedDuring(open("/get"), "GET"), "resets are not retried by default");
    }

    @Test
    void theHealthyPathOfTheHooksAllocatesNothing() throws Exception {
        assertHealthyPathAllocatesNothing(RetryRules.of(RetryPolicy.DEFAULTS));
    }

    @Test
    void theHealthyPathAllocatesNothingAmongFiftyRules() throws Exception {
        List<RetryRule> rules = new ArrayList<>();
        RetryPolicy two = RetryPolicy.builder().maxAttempts(2).build();
        for (int i = 1; i <= 50; i++) {
            rules.add(new RetryRule("rules." + i, i % 2 == 0 ? "*.internal-" + i : "127.0.0.1:" + (i + 1),
                    i % 3 == 0 ? "/fine/" + i : null, i % 5 == 0 ? new String[] {"PUT"} : null, two));
        }
        rules.add(new RetryRule("rules.51", "127.0.0.1", "/fi", new String[] {"GET"}, two));
        assertHealthyPathAllocatesNothing(RetryRules.of(RetryPolicy.DEFAULTS, rules));
    }

    private void assertHealthyPathAllocatesNothing(RetryRules rules) throws Exception {
        // A listener that keeps nothing: only what the hooks, the adapter and the engine allocate is counted.
        UrlConnectionHooks.install(new UrlConnectionAdapter(
                new RetryEngine(rules, Clock.SYSTEM, () -> 0.0, CallListener.NOOP)));
        HttpURLConnection c = open("/fine");
        InputStream in = Woven.exchange(c);
        // The exchange is over; the hooks are shown it again as the woven code shows a fresh one answered 200.
        Runnable calls = () -> {
            for (int i = 0; i < 10_000; i++) {
                UrlConnectionHooks.enter(c, null, null, false);
                if (UrlConnectionHooks.exit(c, in, null, 200)) {
                    throw new AssertionError("a 200 was retried");
                }
            }
        };
        long allocated = Allocations.afterWarmUp(calls);
        read(in);
        assertTrue(allocated < 1024, allocated + " bytes allocated by 10000 healthy calls");
    }

    private boolean suppressedDuring(HttpURLConnection c, String method) throws IOException {
        c.setRequestMethod(method);
        UrlConnectionHooks.enter(c, null, null, false);
        try {
            return UrlConnectionHooks.suppressJdkRetry();
        } finally {
            UrlConnectionHooks.exit(c, null, new IOException("not sent"), -1);
        }
    }

    private static HttpURLConnection post(HttpURLConnection c, boolean streamed) throws IOException {
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        try (OutputStream out = c.getOutputStream()) {
            out.write("body".getBytes(StandardCharsets.UTF_8));
        }
        return c;
    }

    private static String read(InputStream in) throws IOException {
        try (InputStream body = in) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What the code woven into {@code sun.net.www.protocol.http.HttpURLConnection} does, done by hand. */
    private static final class Woven {
        /** {@code getInputStream0} with its retry loop. */
        static InputStream exchange(HttpURLConnection c) throws Exception {
            while (true) {
                UrlConnectionHooks.enter(c, get(c, "inputStream"), get(c, "rememberedException"), streaming(c));
                InputStream returned = null;
                Throwable thrown = null;
                try {
                    returned = c.getInputStream();
                } catch (IOException | RuntimeException e) {
                    thrown = e;
                }
                if (!UrlConnectionHooks.exit(c, returned, thrown, (Integer) get(c, "responseCode"))) {
                    if (thrown != null) {
                        throw (Exception) thrown;
                    }
                    return returned;
                }
                set(c, "inputStream", null);
                set(c, "errorStream", null);
                set(c, "rememberedException", null);
                Object responses = get(c, "responses");
                responses.getClass().getMethod("reset").invoke(responses);
            }
        }

        /** An app's own {@code connect()} with its retry loop. */
        static void connect(HttpURLConnection c) throws Exception {
            while (true) {
                UrlConnectionHooks.enterConnect(c);
                Throwable thrown = null;
                try {
                    c.connect();
                } catch (IOException | RuntimeException e) {
                    thrown = e;
                }
                if (!UrlConnectionHooks.exitConnect(c, null, thrown)) {
                    if (thrown != null) {
                        throw (Exception) thrown;
                    }
                    return;
                }
            }
        }

        private static boolean streaming(HttpURLConnection c) throws Exception {
            Method m = c.getClass().getDeclaredMethod("streaming");
            m.setAccessible(true);
            return (Boolean) m.invoke(c);
        }

        private static Object get(HttpURLConnection c, String name) throws Exception {
            return field(c.getClass(), name).get(c);
        }

        private static void set(HttpURLConnection c, String name, Object value) throws Exception {
            field(c.getClass(), name).set(c, value);
        }

        private static Field field(Class<?> type, String name) throws NoSuchFieldException {
            for (Class<?> t = type; t != null; t = t.getSuperclass()) {
                try {
                    Field f = t.getDeclaredField(name);
                    f.setAccessible(true);
                    return f;
                } catch (NoSuchFieldException e) {
                    // declared higher up
                }
            }
            throw new NoSuchFieldException(name);
        }
    }
}
