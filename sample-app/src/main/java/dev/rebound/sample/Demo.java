package dev.rebound.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs GET calls with every demo client against a local {@link FlakyUpstream} and prints, per client,
 * how many calls the app saw succeed next to how many requests reached the upstream. The app cannot
 * tell whether anything sits between it and the network; the numbers show it.
 */
final class Demo {
    static final String HINT = "Run again with -javaagent:agent/target/rebound-agent.jar to compare.";

    private static final int CONCURRENCY = 8;
    private static final int TIMEOUT_MS = 5_000;
    private static final String ROW = "%-14s | %5s | %21s | %13s";

    private final DemoOptions options;
    private final PrintStream out;

    Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int run() throws IOException {
        List<String> rows = new ArrayList<>();
        try (FlakyUpstream upstream = FlakyUpstream.start(options.failRate(), options.seed())) {
            for (ClientKind kind : ClientKind.demoClients()) {
                String path = "/demo/" + kind.cliName();
                RunSummary summary = runClient(kind, upstream.uri(path));
                rows.add(row(kind.cliName(), summary.calls(), summary.ok(), upstream.attempts(path)));
            }
        }
        out.println(String.format(Locale.ROOT,
                "Demo: %d GET calls per client (concurrency %d) against a local upstream that answers 502 to %.0f%%"
                        + " of requests (seed %d).",
                options.calls(), CONCURRENCY, options.failRate() * 100, options.seed()));
        out.println("The app cannot tell whether anything retries for it: compare app-visible successes"
                + " with wire attempts.");
        out.println(String.format(Locale.ROOT, ROW, "client", "calls", "app-visible successes", "wire attempts"));
        rows.forEach(out::println);
        out.println(HINT);
        return 0;
    }

    private RunSummary runClient(ClientKind kind, URI uri) {
        try (Caller caller = kind.create(ClientSettings.defaults(TIMEOUT_MS))) {
            CallRunner runner = new CallRunner(caller, Request.get(uri), options.calls(), CONCURRENCY,
                    CallRunner.safetyDeadlineMs(options.calls(), CONCURRENCY, TIMEOUT_MS));
            return runner.run(result -> { });
        }
    }

    private static String row(String client, int calls, int successes, int attempts) {
        return String.format(Locale.ROOT, ROW, client, calls, successes, attempts);
    }
}
