package dev.rebound.it;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code call=<i> ...} line of the sample app: either
 * {@code status=<code> bytes=<n> sha256=<hex> ms=<t> [hdr.<Name>=<value>]...} or
 * {@code error=<exception class> ms=<t>}.
 */
public record CallLine(int index, Integer status, long bytes, String sha256, String error, long ms,
                       Map<String, String> headers, String raw) {

    private static final Pattern FIELD = Pattern.compile("(?:^| )(call|status|bytes|sha256|error|ms|hdr\\.[^=\\s]+)=");

    public CallLine {
        headers = Map.copyOf(headers);
    }

    public boolean isError() {
        return error != null;
    }

    public OptionalInt statusCode() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** Parses a line starting with {@code call=}; throws if it does not follow the contract. */
    public static CallLine parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(line);
        String key = null;
        int valueStart = -1;
        while (m.find()) {
            if (key != null) {
                fields.put(key, line.substring(valueStart, m.start()));
            }
            key = m.group(1);
            valueStart = m.end();
        }
        if (key == null || !line.startsWith("call=")) {
            throw new IllegalArgumentException("not a call line: " + line);
        }
        fields.put(key, line.substring(valueStart));
        Map<String, String> headers = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (k.startsWith("hdr.")) {
                headers.put(k.substring(4), v);
            }
        });
        try {
            int index = Integer.parseInt(fields.get("call"));
            long ms = Long.parseLong(require(fields, "ms", line));
            if (fields.containsKey("error")) {
                return new CallLine(index, null, 0, null, fields.get("error"), ms, headers, line);
            }
            int status = Integer.parseInt(require(fields, "status", line));
            long bytes = Long.parseLong(require(fields, "bytes", line));
            String sha = require(fields, "sha256", line);
            if (!sha.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 is not 64 lower-case hex digits in: " + line);
            }
            return new CallLine(index, status, bytes, sha, null, ms, headers, line);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed call line: " + line, e);
        }
    }

    private static String require(Map<String, String> fields, String key, String line) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key + "= in call line: " + line);
        }
        return value;
    }

    @Override
    public String toString() {
        return raw;
    }
}
