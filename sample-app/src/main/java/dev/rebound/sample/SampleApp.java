package dev.rebound.sample;

import java.io.IOException;
import java.io.PrintStream;

/**
 * A plain HTTP command-line client in the style of a legacy app: it makes calls with one of several
 * client libraries and prints what it saw, one line per call. It knows nothing about retries.
 */
public final class SampleApp {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar rebound-sample-app.jar [options] URL",
            "       java -jar rebound-sample-app.jar --demo [--calls N] [--fail-rate F] [--seed S]",
            "options:",
            "  --client url-connection|jdk|jdk-async|apache4|apache5|apache4-async|apache5-async|okhttp|okhttp-async",
            "                             (default url-connection)",
            "  --method METHOD            (default GET)",
            "  --body STRING              request body, UTF-8",
            "  --header Name:Value        repeatable",
            "  --streaming none|fixed|chunked             url-connection, apache4, apache5, apache4-async, okhttp(-async)"
                    + " (default none)",
            "  --entry response-code|input-stream|connect url-connection (default response-code)",
            "  --entry response-code|handler              apache4, apache5: execute(request[, handler])",
            "  --max-connections N        apache4, apache5, their -async, okhttp(-async): connection pool size (default 20)",
            "  --count N                  calls to make (default 1)",
            "  --concurrency C            worker threads (default 1)",
            "  --timeout-ms N             connect and read timeout (default 10000)",
            "  --show-header NAME         print a response header, repeatable",
            "demo options:",
            "  --calls N (default 200)  --fail-rate F (default 0.3)  --seed S (default 42)",
            "");

    private SampleApp() {
    }

    public static void main(String[] args) {
        // Exit explicitly: a client library's lingering threads must not keep the JVM up.
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            ParsedArgs parsed = ParsedArgs.parse(args);
            if (parsed.has(ParsedArgs.HELP)) {
                out.print(USAGE);
                return EXIT_OK;
            }
            if (parsed.has(ParsedArgs.DEMO)) {
                return new Demo(DemoOptions.from(parsed), out).run();
            }
            return runCalls(CallOptions.from(parsed), out, err);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println("error: the demo upstream could not start: " + e.getClass().getName());
            return EXIT_FAILED;
        }
    }

    private static int runCalls(CallOptions options, PrintStream out, PrintStream err) {
        try (Caller caller = options.client().create(options.settings())) {
            CallRunner runner = new CallRunner(caller, options.request(), options.count(), options.concurrency(),
                    CallRunner.safetyDeadlineMs(options.count(), options.concurrency(),
                            options.settings().timeoutMs()));
            RunSummary summary = runner.run(result -> out.println(result.format(options.showHeaders())));
            out.println(summary.format());
        }
        return EXIT_OK;
    }
}
