package dev.rebound.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** A parsed Prometheus text exposition: samples with their labels, plus sums over label filters. */
public record PromText(List<Sample> samples) {

    /** One sample line: {@code name{labels} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }

        boolean matches(String wanted, Map<String, String> filter) {
            if (!name.equals(wanted)) {
                return false;
            }
            for (Map.Entry<String, String> e : filter.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }

    public PromText {
        samples = List.copyOf(samples);
    }

    public static PromText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                samples.add(parseLine(trimmed));
            }
        }
        return new PromText(samples);
    }

    /** Sum of every sample named {@code name} whose labels include all of {@code filter}. */
    public double sum(String name, Map<String, String> filter) {
        return samples.stream().filter(s -> s.matches(name, filter)).mapToDouble(Sample::value).sum();
    }

    /** The one sample named {@code name} matching {@code filter}, if exactly one exists. */
    public OptionalDouble single(String name, Map<String, String> filter) {
        List<Sample> found = select(name, filter);
        return found.size() == 1 ? OptionalDouble.of(found.get(0).value()) : OptionalDouble.empty();
    }

    public List<Sample> select(String name, Map<String, String> filter) {
        return samples.stream().filter(s -> s.matches(name, filter)).toList();
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    private static Sample parseLine(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = parseLabels(line, i + 1, labels);
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (name.isEmpty() || rest.length == 0 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("not a sample line: " + line);
        }
        return new Sample(name, labels, parseValue(rest[0], line));
    }

    private static int parseLabels(String line, int i, Map<String, String> labels) {
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i + 1;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("malformed labels: " + line);
            }
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char v = line.charAt(j);
                if (v == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(v);
                }
            }
            if (j >= line.length()) {
                throw new IllegalArgumentException("unterminated label value: " + line);
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
        throw new IllegalArgumentException("unterminated labels: " + line);
    }

    private static double parseValue(String token, String line) {
        switch (token) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad sample value in: " + line, e);
                }
        }
    }
}
