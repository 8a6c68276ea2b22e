package dev.rebound.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent arguments, {@code -javaagent:rebound-agent.jar=<arguments>}: {@code key=value} entries separated by
 * {@code ;} or {@code ,}. A {@code ,} separates only when what follows it starts with a key and {@code =}
 * ({@code [a-z0-9.-]+=}); otherwise it belongs to the value, so that lists need no quoting:
 * {@code retry-on=502,503,reset,max-attempts=4}. A {@code ;} always separates. Keys may carry the
 * {@code rebound.} prefix; blanks around keys and values and empty entries are ignored; a repeated key's last
 * value wins.
 */
final class AgentArguments {
    private AgentArguments() {
    }

    /** @return known keys and rule keys ({@code rules.<n>.<key>}, checked with their rule) to their raw values; unknown keys and malformed entries are added to {@code problems} */
    static Map<String, String> parse(String arguments, ConfigKeys keys, List<ConfigProblem> problems) {
        if (arguments == null || arguments.trim().isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> values = new HashMap<String, String>();
        UnknownKeyLines unknown = new UnknownKeyLines(problems, "unknown keys in agent arguments");
        for (String entry : entries(arguments)) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                if (unknown.takeLine()) {
                    problems.add(new ConfigProblem(Text.shown(entry), "rebound: agent argument "
                            + Text.quoted(entry) + " is not key=value (ignored)", ConfigProblem.Severity.ERROR));
                }
                continue;
            }
            String name = entry.substring(0, eq).trim();
            String key = UnknownKeys.withoutPrefix(name);
            if (keys.byKey(key) == null && !RuleSettings.isRuleKey(key)) {
                if (unknown.takeLine()) {
                    problems.add(UnknownKeys.problem(name, "key " + Text.shown(name)
                            + " in agent arguments", Suggestions.closest(key, keys.fileKeys())));
                }
                continue;
            }
            values.put(key, entry.substring(eq + 1).trim());
        }
        unknown.finish();
        return values;
    }

    /** The entries, trimmed, empty ones dropped; see the class comment for where a comma splits. */
    static List<String> entries(String arguments) {
        List<String> out = new ArrayList<String>();
        int start = 0;
        for (int i = 0; i <= arguments.length(); i++) {
            boolean end = i == arguments.length();
            char c = end ? ';' : arguments.charAt(i);
            if (c == ';' || (c == ',' && startsWithKey(arguments, i + 1))) {
                String entry = arguments.substring(start, i).trim();
                if (!entry.isEmpty() && !entry.equals(",")) {
                    out.add(entry);
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** Whether {@code s} from {@code from} reads as optional blanks, a key-like name, then {@code =}. */
    private static boolean startsWithKey(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        int nameStart = i;
        while (i < s.length() && isKeyChar(s.charAt(i))) {
            i++;
        }
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i > nameStart && i < s.length() && s.charAt(i) == '=';
    }

    private static boolean isKeyChar(char c) {
        return Text.isAsciiLetterOrDigit(c) || c == '.' || c == '-' || c == '_';
    }
}
