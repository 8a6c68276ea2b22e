package dev.rebound.bench.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder for child logs and records, removed at the end unless {@code -Dbench.keep=true}. */
public final class WorkDir implements AutoCloseable {
    private final Path path;

    public WorkDir(String prefix) throws IOException {
        this.path = Files.createTempDirectory(prefix);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (Boolean.getBoolean("bench.keep")) {
            System.err.println("kept " + path);
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
