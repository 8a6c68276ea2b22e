package dev.rebound.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict reader of the text format for tests: fails on any line it does not understand. */
final class Exposition {
    record Line(String name, Map<String, String> labels, String value) {
    }

    final List<Line> samples = new ArrayList<>();
    /** Family name to the text of each HELP line seen for it, in order. */
    final Map<String, List<String>> helps = new LinkedHashMap<>();
    final Map<String, List<String>> types = new LinkedHashMap<>();

    static Exposition parse(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("exposition must end with a line feed");
        }
        Exposition e = new Exposition();
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                e.helps.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                e.types.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
            } else {
                e.samples.add(sample(line));
            }
        }
        return e;
    }

    private static Line sample(String line) {
        int brace = line.indexOf('{');
        if (brace < 0) {
            String[] parts = line.split(" ");
            check(parts.length == 2, line);
            return new Line(parts[0], Map.of(), parts[1]);
        }
        String name = line.substring(0, brace);
        Map<String, String> labels = new LinkedHashMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String label = line.substring(i, eq);
            check(line.charAt(eq + 1) == '"', line);
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    check(next == '\\' || next == '"' || next == 'n', line);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            check(labels.put(label, value.toString()) == null, line);
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        check(line.charAt(i + 1) == ' ', line);
        String value = line.substring(i + 2);
        check(!value.isEmpty() && !value.contains(" "), line);
        return new Line(name, labels, value);
    }

    private static void check(boolean ok, String line) {
        if (!ok) {
            throw new IllegalArgumentException("bad exposition line: " + line);
        }
    }

    /** The value of the one sample with exactly these labels; fails when there is none or several. */
    String value(String name, Map<String, String> labels) {
        List<String> found = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .map(Line::value).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples " + name + labels + " in " + samples);
        }
        return found.get(0);
    }

    long count(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).count();
    }
}
