package dev.rebound.bench.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One app call as the app saw it: start and end since the run's start, the final status (-1 for an
 * exception without one) and whether the app got a 2xx. Written by the driver, one line per call.
 */
public record CallRecord(long id, long startNanos, long endNanos, int status, boolean ok) {

    public long latencyNanos() {
        return endNanos - startNanos;
    }

    String line() {
        return id + " " + startNanos + " " + endNanos + " " + status + " " + (ok ? 1 : 0);
    }

    static CallRecord parse(String line) {
        String[] f = line.trim().split(" ");
        return new CallRecord(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                Integer.parseInt(f[3]), f[4].equals("1"));
    }

    static void write(Path file, List<CallRecord> records) throws IOException {
        List<String> lines = new ArrayList<>(records.size());
        for (CallRecord r : records) {
            lines.add(r.line());
        }
        Files.write(file, lines);
    }

    static List<CallRecord> read(Path file) throws IOException {
        List<CallRecord> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(parse(line));
            }
        }
        return out;
    }
}
