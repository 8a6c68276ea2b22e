package dev.rebound.bench.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A table printed the same way on the console and in the Markdown results: a GitHub pipe table. */
public final class MarkdownTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.header = List.of(header);
    }

    public MarkdownTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has "
                    + header.size() + " columns: " + Arrays.toString(cells));
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell).replace("|", "\\|"));
        }
        rows.add(row);
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    /** Columns padded to a common width so that the text is readable as printed. */
    public String render() {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(3, header.get(c).length());
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, widths);
        sb.append('|');
        for (int w : widths) {
            sb.append(' ').append("-".repeat(w)).append(" |");
        }
        sb.append('\n');
        for (List<String> row : rows) {
            line(sb, row, widths);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] widths) {
        sb.append('|');
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            sb.append(' ').append(cell).append(" ".repeat(widths[c] - cell.length())).append(" |");
        }
        sb.append('\n');
    }
}
