package dev.rebound.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line split into flags, option values and positional arguments. Knows every option's
 * shape but not which mode allows it; {@link CallOptions} and {@link DemoOptions} check that.
 */
final class ParsedArgs {
    static final String DEMO = "--demo";
    static final String HELP = "--help";

    private static final Set<String> FLAGS = Set.of(DEMO, HELP, "-h");
    private static final Set<String> VALUE_OPTIONS = Set.of(
            "--client", "--method", "--body", "--header", "--streaming", "--entry", "--count",
            "--concurrency", "--timeout-ms", "--show-header", "--max-connections", "--calls", "--fail-rate", "--seed");

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private ParsedArgs() {
    }

    static ParsedArgs parse(String[] args) throws UsageException {
        ParsedArgs parsed = new ParsedArgs();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (FLAGS.contains(arg)) {
                parsed.values.computeIfAbsent(arg.equals("-h") ? HELP : arg, k -> new ArrayList<>());
            } else if (VALUE_OPTIONS.contains(arg)) {
                if (i + 1 == args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                parsed.values.computeIfAbsent(arg, k -> new ArrayList<>()).add(args[++i]);
            } else if (arg.startsWith("-")) {
                throw new UsageException("unknown option " + arg);
            } else {
                parsed.positionals.add(arg);
            }
        }
        return parsed;
    }

    boolean has(String option) {
        return values.containsKey(option);
    }

    /** Fails on any option outside {@code allowed}, naming it and the mode. */
    void allowOnly(Set<String> allowed, String mode) throws UsageException {
        for (String option : values.keySet()) {
            if (!allowed.contains(option)) {
                throw new UsageException(option + " cannot be used " + mode);
            }
        }
    }

    List<String> positionals() {
        return List.copyOf(positionals);
    }

    /** Every value of a repeatable option, in order. */
    List<String> all(String option) {
        return List.copyOf(values.getOrDefault(option, List.of()));
    }

    /** The value of a single-valued option, or the default when absent; giving it twice is an error. */
    String single(String option, String defaultValue) throws UsageException {
        List<String> given = values.get(option);
        if (given == null) {
            return defaultValue;
        }
        if (given.size() > 1) {
            throw new UsageException(option + " given more than once");
        }
        return given.get(0);
    }

    int intValue(String option, int defaultValue, int min, int max) throws UsageException {
        String text = single(option, null);
        if (text == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, not '" + text + "'");
        }
        if (value < min || value > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    long longValue(String option, long defaultValue) throws UsageException {
        String text = single(option, null);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, not '" + text + "'");
        }
    }

    double fraction(String option, double defaultValue) throws UsageException {
        String text = single(option, null);
        if (text == null) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, not '" + text + "'");
        }
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new UsageException(option + " must be between 0 and 1, not " + text);
        }
        return value;
    }
}
