package dev.rebound.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlakyUpstreamTest {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static HttpResponse<String> get(FlakyUpstream upstream, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(upstream.uri(path)).timeout(Duration.ofSeconds(5)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<Integer> statuses(FlakyUpstream upstream, String path, int requests) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(get(upstream, path).statusCode());
        }
        return statuses;
    }

    private static List<Boolean> decisions(long seed, double failRate, String path, int count) {
        List<Boolean> decisions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            decisions.add(FlakyUpstream.failsAt(seed, failRate, path, i));
        }
        return decisions;
    }

    @Test
    void answersAsPredictedAndTheSameForTheSameSeed() throws Exception {
        List<Integer> first;
        List<Integer> second;
        List<Integer> predicted = new ArrayList<>();
        try (FlakyUpstream upstream = FlakyUpstream.start(0.4, 7)) {
            first = statuses(upstream, "/a", 30);
            for (int i = 0; i < 30; i++) {
                predicted.add(upstream.failsAt("/a", i) ? 502 : 200);
            }
            assertEquals(30, upstream.attempts("/a"));
            assertEquals(0, upstream.attempts("/b"));
        }
        try (FlakyUpstream upstream = FlakyUpstream.start(0.4, 7)) {
            statuses(upstream, "/b", 5); // another path's traffic does not shift this one's sequence
            second = statuses(upstream, "/a", 30);
            assertEquals(30, upstream.attempts("/a"));
            assertEquals(5, upstream.attempts("/b"));
        }

        assertEquals(predicted, first);
        assertEquals(first, second);
        assertTrue(first.contains(502) && first.contains(200), first.toString());
    }

    @Test
    void sendsAGatewayPageOrJsonAndNumbersAttempts() throws Exception {
        try (FlakyUpstream failing = FlakyUpstream.start(1.0, 1);
                FlakyUpstream healthy = FlakyUpstream.start(0.0, 1)) {
            get(failing, "/x");
            HttpResponse<String> bad = get(failing, "/x");
            HttpResponse<String> good = get(healthy, "/x");

            assertEquals(502, bad.statusCode());
            assertEquals(FlakyUpstream.BAD_GATEWAY_BODY, bad.body());
            assertEquals("text/html", bad.headers().firstValue("Content-Type").orElse(""));
            assertEquals("1", bad.headers().firstValue(FlakyUpstream.ATTEMPT_HEADER).orElse(""));
            assertEquals(200, good.statusCode());
            assertEquals(FlakyUpstream.OK_BODY, good.body());
            assertEquals("0", good.headers().firstValue(FlakyUpstream.ATTEMPT_HEADER).orElse(""));
        }
    }

    @Test
    void countsRequestBodyBytesPerPath() throws Exception {
        try (FlakyUpstream upstream = FlakyUpstream.start(0.0, 1)) {
            for (String body : List.of("12345", "678")) {
                HttpRequest request = HttpRequest.newBuilder(upstream.uri("/p"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(5)).build();
                HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            }

            assertEquals(8, upstream.requestBytes("/p"));
            assertEquals(0, upstream.requestBytes("/q"));
        }
    }

    @Test
    void failsAboutTheRequestedFraction() {
        int failures = 0;
        for (int i = 0; i < 5000; i++) {
            failures += FlakyUpstream.failsAt(42, 0.3, "/demo/jdk", i) ? 1 : 0;
        }

        assertTrue(failures > 1350 && failures < 1650, "failures: " + failures);
    }

    @Test
    void theDecisionDependsOnSeedAndPath() {
        List<Boolean> base = decisions(42, 0.5, "/demo/jdk", 64);

        assertEquals(base, decisions(42, 0.5, "/demo/jdk", 64));
        assertNotEquals(base, decisions(43, 0.5, "/demo/jdk", 64));
        assertNotEquals(base, decisions(42, 0.5, "/demo/url-connection", 64));
    }

    @Test
    void ratesZeroAndOneAreNeverAndAlways() {
        assertTrue(decisions(3, 0.0, "/r", 1000).stream().noneMatch(fails -> fails));
        assertTrue(decisions(3, 1.0, "/r", 1000).stream().allMatch(fails -> fails));
    }

    @Test
    void listensOnLoopback() throws IOException {
        try (FlakyUpstream upstream = FlakyUpstream.start(0.0, 1)) {
            assertEquals("127.0.0.1", upstream.uri("/").getHost());
        }
    }
}
