package dev.rebound.bench.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JVM's {@code -Xlog:class+load} and {@code -Xlog:startuptime} output (decorated with
 * {@code uptimenanos}), reduced to the moments that explain where start-up time goes.
 */
final class ClassLoadLog {
    private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ns\\] (\\S+) source: (.*)$");
    private static final Pattern PHASE = Pattern.compile("^\\[(\\d+)ns\\] (.+), ([0-9.]+) secs$");

    /** A loaded class and when. */
    record Load(long atNanos, String name, String source) {
    }

    private final List<Load> loads = new ArrayList<>();
    private final List<String> phaseNames = new ArrayList<>();
    private final List<Double> phaseSeconds = new ArrayList<>();

    ClassLoadLog(Path classLoad, Path startupTime) throws IOException {
        for (String line : Files.readAllLines(classLoad)) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                loads.add(new Load(Long.parseLong(m.group(1)), m.group(2), m.group(3).trim()));
            }
        }
        for (String line : Files.readAllLines(startupTime)) {
            Matcher m = PHASE.matcher(line);
            if (m.matches()) {
                phaseNames.add(m.group(2));
                phaseSeconds.add(Double.parseDouble(m.group(3)));
            }
        }
    }

    int classCount() {
        return loads.size();
    }

    int count(String prefix) {
        return (int) loads.stream().filter(l -> l.name().startsWith(prefix)).count();
    }

    /** Classes with this prefix defined from bytes by code (an agent's injection), not loaded from a path. */
    int countDefined(String prefix) {
        return (int) loads.stream().filter(l -> l.name().startsWith(prefix) && l.source().equals("__JVM_DefineClass__"))
                .count();
    }

    /** Classes with this prefix loaded before (or after) the first load of {@code marker}. */
    int countBefore(String prefix, String marker, boolean before) {
        long at = at(marker);
        return (int) loads.stream().filter(l -> l.name().startsWith(prefix) && (l.atNanos() < at) == before).count();
    }

    /**
     * Method-handle classes the JVM generated (lambda forms, bound method handle species, lambda proxies)
     * between the first loads of two classes: the cost of a first lambda or method handle use on a cold JVM.
     */
    int spunBetween(String fromClass, String toClass) {
        long from = at(fromClass);
        long to = at(toClass);
        return (int) loads.stream().filter(l -> l.atNanos() >= from && l.atNanos() <= to)
                .filter(l -> l.name().contains("LambdaForm$") || l.name().contains("$$Lambda")
                        || l.name().contains("$Species_"))
                .filter(l -> !l.source().equals("shared objects file"))
                .count();
    }

    /** Milliseconds the named start-up phase took, NaN if absent. */
    double phaseMillis(String name) {
        int i = phaseNames.indexOf(name);
        return i < 0 ? Double.NaN : phaseSeconds.get(i) * 1000.0;
    }

    /** Uptime of the first load of exactly this class, in ms; NaN if never loaded. */
    double atMillis(String className) {
        long at = at(className);
        return at == Long.MAX_VALUE ? Double.NaN : at / 1e6;
    }

    /** Uptime of the first class whose name starts with prefix, in ms. */
    double firstMillis(String prefix) {
        return loads.stream().filter(l -> l.name().startsWith(prefix)).mapToLong(Load::atNanos).min()
                .stream().mapToDouble(v -> v / 1e6).findFirst().orElse(Double.NaN);
    }

    /** Uptime of the last class with prefix loaded before the first load of marker, in ms. */
    double lastBeforeMillis(String prefix, String marker) {
        long at = at(marker);
        return loads.stream().filter(l -> l.name().startsWith(prefix) && l.atNanos() < at).mapToLong(Load::atNanos)
                .max().stream().mapToDouble(v -> v / 1e6).findFirst().orElse(Double.NaN);
    }

    double lastLoadMillis() {
        return loads.isEmpty() ? Double.NaN : loads.get(loads.size() - 1).atNanos() / 1e6;
    }

    private long at(String className) {
        for (Load l : loads) {
            if (l.name().equals(className)) {
                return l.atNanos();
            }
        }
        return Long.MAX_VALUE;
    }
}
