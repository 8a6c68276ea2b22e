package dev.rebound.sample;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One in-process run of {@link SampleApp#run} with its exit code and captured output. */
final class AppRun {
    final int exitCode;
    final List<String> out;
    final String err;

    private AppRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out.isEmpty() ? List.of() : List.of(out.split("\\R"));
        this.err = err;
    }

    static AppRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = SampleApp.run(args, o, e);
        }
        return new AppRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
