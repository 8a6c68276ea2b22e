package dev.rebound.bench.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Markdown result document, printed to stdout as it grows and written to the results folder at the end. */
public final class ResultFile {
    private final StringBuilder text = new StringBuilder();

    public ResultFile(String title) {
        add("# " + title + "\n\n" + Machine.header() + "\n");
    }

    public ResultFile section(String heading) {
        return add("\n## " + heading + "\n");
    }

    public ResultFile paragraph(String paragraph) {
        return add("\n" + paragraph + "\n");
    }

    public ResultFile table(MarkdownTable table) {
        return add("\n" + table.render());
    }

    private ResultFile add(String chunk) {
        text.append(chunk);
        System.out.print(chunk);
        System.out.flush();
        return this;
    }

    public String text() {
        return text.toString();
    }

    public Path write(Path dir, String fileName) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName);
        Files.writeString(file, text);
        System.out.println("\nwrote " + file);
        return file;
    }
}
