package dev.rebound.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CallOptionsTest {

    private static CallOptions parse(String... args) throws UsageException {
        return CallOptions.from(ParsedArgs.parse(args));
    }

    @Test
    void defaultsNeedOnlyAUrl() throws UsageException {
        CallOptions options = parse("http://127.0.0.1:8080/a?b=c");

        assertEquals(ClientKind.URL_CONNECTION, options.client());
        assertEquals(URI.create("http://127.0.0.1:8080/a?b=c"), options.request().uri());
        assertEquals("GET", options.request().method());
        assertFalse(options.request().hasBody());
        assertEquals(List.of(), options.request().headers());
        assertEquals(StreamingMode.NONE, options.settings().streaming());
        assertEquals(EntryMode.RESPONSE_CODE, options.settings().entry());
        assertEquals(10_000, options.settings().timeoutMs());
        assertEquals(1, options.count());
        assertEquals(1, options.concurrency());
        assertEquals(List.of(), options.showHeaders());
    }

    @Test
    void readsEveryOptionInAnyOrder() throws UsageException {
        CallOptions options = parse("--count", "7", "--method", "PUT", "--body", "héllo", "--streaming", "chunked",
                "--header", "X-One: a b", "https://example.test/x", "--header", "X-One:c", "--header", "X-Empty:",
                "--entry", "connect", "--concurrency", "3", "--timeout-ms", "250", "--show-header", "Retry-After",
                "--show-header", "ETag", "--client", "url-connection");

        assertEquals("PUT", options.request().method());
        assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), options.request().body());
        assertEquals(List.of(Map.entry("X-One", "a b"), Map.entry("X-One", "c"), Map.entry("X-Empty", "")),
                options.request().headers());
        assertEquals(StreamingMode.CHUNKED, options.settings().streaming());
        assertEquals(EntryMode.CONNECT, options.settings().entry());
        assertEquals(250, options.settings().timeoutMs());
        assertEquals(7, options.count());
        assertEquals(3, options.concurrency());
        assertEquals(List.of("Retry-After", "ETag"), options.showHeaders());
        assertEquals(URI.create("https://example.test/x"), options.request().uri());
    }

    @Test
    void anEmptyBodyIsStillABody() throws UsageException {
        CallOptions options = parse("--body", "", "--method", "POST", "http://127.0.0.1/");

        assertTrue(options.request().hasBody());
        assertEquals(0, options.request().body().length);
    }

    @Test
    void valuesMayLookLikeOptions() throws UsageException {
        assertEquals("--demo", new String(parse("--body", "--demo", "http://h/").request().body(),
                StandardCharsets.UTF_8));
    }

    @Test
    void jdkClientsAcceptTheDefaultModesSpelledOut() throws UsageException {
        CallOptions options = parse("--client", "jdk-async", "--streaming", "none", "--entry", "response-code",
                "http://h/");

        assertEquals(ClientKind.JDK_ASYNC, options.client());
    }

    @Test
    void apacheClientsTakeStreamingHandlerAndPoolSize() throws UsageException {
        CallOptions options = parse("--client", "apache5", "--streaming", "fixed", "--entry", "handler",
                "--max-connections", "1", "--method", "PUT", "--body", "x", "http://h/");

        assertEquals(ClientKind.APACHE5, options.client());
        assertEquals(StreamingMode.FIXED, options.settings().streaming());
        assertEquals(EntryMode.HANDLER, options.settings().entry());
        assertEquals(1, options.settings().maxConnections());
        assertEquals(ClientSettings.DEFAULT_MAX_CONNECTIONS,
                parse("--client", "apache4", "http://h/").settings().maxConnections());
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(new String[] {}, "a URL is required"),
                Arguments.of(new String[] {"http://a/", "http://b/"}, "exactly one URL"),
                Arguments.of(new String[] {"ftp://h/"}, "http:// or https://"),
                Arguments.of(new String[] {"http:///nohost"}, "with a host"),
                Arguments.of(new String[] {"http://h/ space"}, "not a valid URL"),
                Arguments.of(new String[] {"--nope", "http://h/"}, "unknown option --nope"),
                Arguments.of(new String[] {"http://h/", "--count"}, "--count needs a value"),
                Arguments.of(new String[] {"--count", "x", "http://h/"}, "--count must be a whole number"),
                Arguments.of(new String[] {"--count", "0", "http://h/"}, "--count must be between 1"),
                Arguments.of(new String[] {"--concurrency", "0", "http://h/"}, "--concurrency must be between 1"),
                Arguments.of(new String[] {"--timeout-ms", "-5", "http://h/"}, "--timeout-ms must be between 1"),
                Arguments.of(new String[] {"--count", "1", "--count", "2", "http://h/"}, "--count given more than once"),
                Arguments.of(new String[] {"--client", "okhttp3", "http://h/"}, "--client must be"),
                Arguments.of(new String[] {"--streaming", "big", "http://h/"}, "--streaming must be"),
                Arguments.of(new String[] {"--entry", "body", "http://h/"}, "--entry must be"),
                Arguments.of(new String[] {"--client", "jdk", "--streaming", "fixed", "http://h/"},
                        "--streaming fixed applies to --client url-connection, apache4, apache5, apache4-async, okhttp and okhttp-async only"),
                Arguments.of(new String[] {"--client", "jdk", "--entry", "connect", "http://h/"},
                        "--entry connect applies to --client url-connection only"),
                Arguments.of(new String[] {"--client", "apache4", "--entry", "input-stream", "http://h/"},
                        "--entry input-stream applies to --client url-connection only"),
                Arguments.of(new String[] {"--entry", "handler", "http://h/"},
                        "--entry handler applies to --client apache4 and apache5 only"),
                Arguments.of(new String[] {"--client", "jdk", "--max-connections", "2", "http://h/"},
                        "--max-connections applies to --client apache4, apache5, apache4-async, apache5-async, okhttp and okhttp-async only"),
                Arguments.of(new String[] {"--client", "apache4", "--max-connections", "0", "http://h/"},
                        "--max-connections must be between 1"),
                Arguments.of(new String[] {"--header", "NoColon", "http://h/"}, "Name:Value"),
                Arguments.of(new String[] {"--header", ":v", "http://h/"}, "Name:Value"),
                Arguments.of(new String[] {"--method", "", "http://h/"}, "--method must be"),
                Arguments.of(new String[] {"--method", "GE T", "http://h/"}, "--method must be"),
                Arguments.of(new String[] {"--show-header", "", "http://h/"}, "--show-header needs"),
                Arguments.of(new String[] {"--calls", "5", "http://h/"}, "--calls cannot be used without --demo"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void rejectsBadCommandLinesNamingTheProblem(String[] args, String expected) {
        UsageException e = assertThrows(UsageException.class, () -> parse(args));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void demoOptionsHaveDefaults() throws UsageException {
        DemoOptions options = DemoOptions.from(ParsedArgs.parse(new String[] {"--demo"}));

        assertEquals(200, options.calls());
        assertEquals(0.3, options.failRate());
        assertEquals(42, options.seed());
    }

    @Test
    void demoOptionsAreRead() throws UsageException {
        DemoOptions options = DemoOptions.from(ParsedArgs.parse(
                new String[] {"--seed", "-9", "--demo", "--fail-rate", "0.75", "--calls", "12"}));

        assertEquals(12, options.calls());
        assertEquals(0.75, options.failRate());
        assertEquals(-9, options.seed());
    }

    static Stream<Arguments> badDemoCommandLines() {
        return Stream.of(
                Arguments.of(new String[] {"--demo", "http://h/"}, "takes no URL"),
                Arguments.of(new String[] {"--demo", "--count", "3"}, "--count cannot be used with --demo"),
                Arguments.of(new String[] {"--demo", "--fail-rate", "1.5"}, "between 0 and 1"),
                Arguments.of(new String[] {"--demo", "--fail-rate", "NaN"}, "between 0 and 1"),
                Arguments.of(new String[] {"--demo", "--fail-rate", "lots"}, "must be a number"),
                Arguments.of(new String[] {"--demo", "--calls", "0"}, "--calls must be between 1"),
                Arguments.of(new String[] {"--demo", "--seed", "1.5"}, "--seed must be a whole number"));
    }

    @ParameterizedTest
    @MethodSource("badDemoCommandLines")
    void rejectsBadDemoCommandLines(String[] args, String expected) {
        UsageException e = assertThrows(UsageException.class, () -> DemoOptions.from(ParsedArgs.parse(args)));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void helpIsAFlag() throws UsageException {
        assertTrue(ParsedArgs.parse(new String[] {"-h"}).has(ParsedArgs.HELP));
        assertNull(ParsedArgs.parse(new String[] {"http://h/"}).single("--body", null));
    }
}
