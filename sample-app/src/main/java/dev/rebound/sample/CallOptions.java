package dev.rebound.sample;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The options of the call mode: {@code [options] URL}. */
final class CallOptions {
    private static final Set<String> ALLOWED = Set.of(
            "--client", "--method", "--body", "--header", "--streaming", "--entry", "--count",
            "--concurrency", "--timeout-ms", "--show-header", "--max-connections");
    private static final int MAX_COUNT = 1_000_000;
    private static final int MAX_CONCURRENCY = 1_000;

    private final ClientKind client;
    private final ClientSettings settings;
    private final Request request;
    private final int count;
    private final int concurrency;
    private final List<String> showHeaders;

    private CallOptions(ClientKind client, ClientSettings settings, Request request, int count,
            int concurrency, List<String> showHeaders) {
        this.client = client;
        this.settings = settings;
        this.request = request;
        this.count = count;
        this.concurrency = concurrency;
        this.showHeaders = List.copyOf(showHeaders);
    }

    static CallOptions from(ParsedArgs args) throws UsageException {
        args.allowOnly(ALLOWED, "without --demo");
        ClientKind client = ClientKind.fromCli(args.single("--client", ClientKind.URL_CONNECTION.cliName()));
        StreamingMode streaming = StreamingMode.fromCli(args.single("--streaming", StreamingMode.NONE.cliName()));
        EntryMode entry = EntryMode.fromCli(args.single("--entry", EntryMode.RESPONSE_CODE.cliName()));
        if (!client.accepts(streaming)) {
            throw new UsageException("--streaming " + streaming.cliName() + " applies to --client "
                    + ClientKind.namesAccepting(streaming, null) + " only");
        }
        if (!client.accepts(entry)) {
            throw new UsageException("--entry " + entry.cliName() + " applies to --client "
                    + ClientKind.namesAccepting(null, entry) + " only");
        }
        if (args.has("--max-connections") && !client.isPooled()) {
            throw new UsageException("--max-connections applies to --client " + ClientKind.namesPooled() + " only");
        }
        int maxConnections = args.intValue("--max-connections", ClientSettings.DEFAULT_MAX_CONNECTIONS, 1, MAX_CONCURRENCY);
        int timeoutMs = args.intValue("--timeout-ms", 10_000, 1, Integer.MAX_VALUE);
        String body = args.single("--body", null);
        Request request = new Request(url(args.positionals()), method(args.single("--method", "GET")),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers(args.all("--header")));
        return new CallOptions(client, new ClientSettings(timeoutMs, streaming, entry, maxConnections), request,
                args.intValue("--count", 1, 1, MAX_COUNT),
                args.intValue("--concurrency", 1, 1, MAX_CONCURRENCY),
                showHeaders(args.all("--show-header")));
    }

    private static URI url(List<String> positionals) throws UsageException {
        if (positionals.size() != 1) {
            throw new UsageException(positionals.isEmpty() ? "a URL is required" : "exactly one URL, please");
        }
        URI uri;
        try {
            uri = new URI(positionals.get(0));
        } catch (URISyntaxException e) {
            throw new UsageException("not a valid URL");
        }
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        if (!http || uri.getHost() == null) {
            throw new UsageException("the URL must be http:// or https:// with a host");
        }
        return uri;
    }

    private static String method(String method) throws UsageException {
        if (method.isEmpty() || !method.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new UsageException("--method must be a non-empty token");
        }
        return method;
    }

    private static List<Map.Entry<String, String>> headers(List<String> specs) throws UsageException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            String name = colon < 0 ? "" : spec.substring(0, colon).trim();
            if (name.isEmpty()) {
                throw new UsageException("--header must look like Name:Value");
            }
            headers.add(Map.entry(name, spec.substring(colon + 1).strip()));
        }
        return headers;
    }

    private static List<String> showHeaders(List<String> names) throws UsageException {
        for (String name : names) {
            if (name.isBlank() || name.contains(" ") || name.contains("=")) {
                throw new UsageException("--show-header needs a header name");
            }
        }
        return names;
    }

    ClientKind client() {
        return client;
    }

    ClientSettings settings() {
        return settings;
    }

    Request request() {
        return request;
    }

    int count() {
        return count;
    }

    int concurrency() {
        return concurrency;
    }

    List<String> showHeaders() {
        return showHeaders;
    }
}
