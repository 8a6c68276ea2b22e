package dev.rebound.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SampleAppTest {
    private static final Pattern RESPONSE_LINE =
            Pattern.compile("call=(\\d+) status=(\\d{3}) bytes=(\\d+) sha256=([0-9a-f]{64}) ms=(\\d+)(.*)");
    private static final Pattern ERROR_LINE = Pattern.compile("call=(\\d+) error=([\\w.$]+) ms=(\\d+)");

    private static String sha256(String text) {
        return CallResult.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Matcher matchResponse(String line) {
        Matcher m = RESPONSE_LINE.matcher(line);
        assertTrue(m.matches(), line);
        return m;
    }

    @ParameterizedTest
    @CsvSource({
        "url-connection, response-code", "url-connection, input-stream", "url-connection, connect",
        "jdk, response-code", "jdk-async, response-code", "apache4, response-code", "apache4, handler",
        "apache5, response-code", "apache5, handler", "okhttp, response-code", "okhttp-async, response-code"})
    void printsA200WithTheBodyHashAndShownHeaders(String client, String entry) throws IOException {
        try (FlakyUpstream upstream = FlakyUpstream.start(0.0, 1)) {
            AppRun run = AppRun.of("--client", client, "--entry", entry, "--show-header", "content-type",
                    "--show-header", FlakyUpstream.ATTEMPT_HEADER, upstream.uri("/ok").toString());

            assertEquals(0, run.exitCode, run.err);
            assertEquals(2, run.out.size(), run.out.toString());
            Matcher m = matchResponse(run.out.get(0));
            assertEquals("1", m.group(1));
            assertEquals("200", m.group(2));
            assertEquals(String.valueOf(FlakyUpstream.OK_BODY.length()), m.group(3));
            assertEquals(sha256(FlakyUpstream.OK_BODY), m.group(4));
            assertEquals(" hdr.content-type=application/json hdr.X-Upstream-Attempt=0", m.group(6));
            assertEquals("done calls=1 ok=1 errors=0", run.out.get(1));
            assertEquals(1, upstream.attempts("/ok"));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "url-connection, response-code", "url-connection, input-stream", "url-connection, connect",
        "jdk, response-code", "jdk-async, response-code", "apache4, response-code", "apache4, handler",
        "apache5, response-code", "apache5, handler", "okhttp, response-code", "okhttp-async, response-code"})
    void printsA502WithTheErrorBodyHash(String client, String entry) throws IOException {
        try (FlakyUpstream upstream = FlakyUpstream.start(1.0, 1)) {
            AppRun run = AppRun.of("--client", client, "--entry", entry, upstream.uri("/bad").toString());

            assertEquals(0, run.exitCode, run.err);
            Matcher m = matchResponse(run.out.get(0));
            assertEquals("502", m.group(2));
            assertEquals(String.valueOf(FlakyUpstream.BAD_GATEWAY_BODY.length()), m.group(3));
            assertEquals(sha256(FlakyUpstream.BAD_GATEWAY_BODY), m.group(4));
            assertEquals("", m.group(6));
            assertEquals("done calls=1 ok=0 errors=0", run.out.get(1));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "url-connection, response-code, java.net.ConnectException",
        "url-connection, input-stream, java.net.ConnectException",
        "url-connection, connect, java.net.ConnectException",
        "jdk, response-code, java.net.ConnectException", "jdk-async, response-code, java.net.ConnectException",
        "apache4, response-code, org.apache.http.conn.HttpHostConnectException",
        "apache4, handler, org.apache.http.conn.HttpHostConnectException",
        "apache5, response-code, org.apache.hc.client5.http.HttpHostConnectException",
        "apache5, handler, org.apache.hc.client5.http.HttpHostConnectException",
        "okhttp, response-code, java.net.ConnectException", "okhttp-async, response-code, java.net.ConnectException"})
    void printsTheExceptionClassForARefusedConnection(String client, String entry, String exception)
            throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        AppRun run = AppRun.of("--client", client, "--entry", entry, "--timeout-ms", "5000",
                "--show-header", "X-Any", "http://127.0.0.1:" + closedPort + "/x?secret=1");

        assertEquals(0, run.exitCode, run.err);
        Matcher m = ERROR_LINE.matcher(run.out.get(0));
        assertTrue(m.matches(), run.out.get(0));
        assertEquals("1", m.group(1));
        assertEquals(exception, m.group(2));
        assertEquals("done calls=1 ok=0 errors=1", run.out.get(1));
    }

    @Test
    void makesEveryCallOnceAcrossThreads() throws IOException {
        try (FlakyUpstream upstream = FlakyUpstream.start(0.5, 9)) {
            AppRun run = AppRun.of("--count", "9", "--concurrency", "3", upstream.uri("/many").toString());

            assertEquals(10, run.out.size(), run.out.toString());
            Set<String> indices = new HashSet<>();
            int ok = 0;
            for (String line : run.out.subList(0, 9)) {
                Matcher m = matchResponse(line);
                indices.add(m.group(1));
                ok += m.group(2).equals("200") ? 1 : 0;
            }
            int expectedOk = 0;
            for (int i = 0; i < 9; i++) {
                expectedOk += upstream.failsAt("/many", i) ? 0 : 1;
            }
            assertEquals(Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), indices);
            assertEquals(expectedOk, ok);
            assertEquals("done calls=9 ok=" + expectedOk + " errors=0", run.out.get(9));
            assertEquals(9, upstream.attempts("/many"));
        }
    }

    @ParameterizedTest
    @CsvSource({"url-connection, none", "url-connection, fixed", "url-connection, chunked", "apache4, none",
        "apache4, fixed", "apache4, chunked", "apache5, none", "apache5, fixed", "apache5, chunked"})
    void sendsTheBodyInEachStreamingMode(String client, String streaming) throws IOException {
        try (FlakyUpstream upstream = FlakyUpstream.start(0.0, 1)) {
            AppRun run = AppRun.of("--client", client, "--method", "POST", "--body", "héllo wörld", "--streaming", streaming,
                    "--header", "Content-Type: text/plain", upstream.uri("/post").toString());

            assertEquals("200", matchResponse(run.out.get(0)).group(2));
            assertEquals("héllo wörld".getBytes(StandardCharsets.UTF_8).length, upstream.requestBytes("/post"));
        }
    }

    @Test
    void methodsHttpUrlConnectionRejectsEndAsAnErrorLine() throws IOException {
        try (FlakyUpstream upstream = FlakyUpstream.start(0.0, 1)) {
            String url = upstream.uri("/patch").toString();

            AppRun urlConnection = AppRun.of("--method", "PATCH", "--body", "{}", url);
            AppRun jdk = AppRun.of("--client", "jdk", "--method", "PATCH", "--body", "{}", url);

            assertTrue(ERROR_LINE.matcher(urlConnection.out.get(0)).matches(), urlConnection.out.get(0));
            assertTrue(urlConnection.out.get(0).contains(" error=java.net.ProtocolException "));
            assertEquals("done calls=1 ok=0 errors=1", urlConnection.out.get(1));
            assertEquals("200", matchResponse(jdk.out.get(0)).group(2));
            assertEquals(1, upstream.attempts("/patch"));
        }
    }

    @Test
    void usageErrorsExitTwoWithUsageOnStderr() {
        AppRun run = AppRun.of("--count", "zero", "http://127.0.0.1/");

        assertEquals(2, run.exitCode);
        assertEquals(List.of(), run.out);
        assertTrue(run.err.startsWith("error: --count must be a whole number"), run.err);
        assertTrue(run.err.contains("usage: java -jar rebound-sample-app.jar [options] URL"), run.err);
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        AppRun run = AppRun.of("--help");

        assertEquals(0, run.exitCode);
        assertTrue(run.out.get(0).startsWith("usage:"), run.out.toString());
        assertEquals("", run.err);
    }
}
