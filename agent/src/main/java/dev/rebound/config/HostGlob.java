package dev.rebound.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A {@code host} or {@code host:port} pattern with {@code *} and {@code ?} wildcards, matched without
 * allocating. IPv6 literals are written in brackets ({@code [::1]:8080}); hosts are compared ignoring case.
 * Syntax only: nothing is resolved.
 */
final class HostGlob {
    private static final int ANY_PORT = -1;
    private static final int MAX_PORT = 65535;

    private final String text;
    private final String hostPattern;
    /** A single port, or ANY_PORT; unused when {@link #portPattern} is set. */
    private final int port;
    /** A port pattern with wildcards, matched against the port's decimal digits; else null. */
    private final String portPattern;

    private HostGlob(String text, String hostPattern, int port, String portPattern) {
        this.text = text;
        this.hostPattern = hostPattern;
        this.port = port;
        this.portPattern = portPattern;
    }

    /** The glob, or null when {@code text} is not one. */
    static HostGlob parse(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        String host;
        String portText = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    return null;
                }
                portText = rest.substring(1);
            }
            if (!onlyChars(host, "0123456789abcdef:.*?")) {
                return null;
            }
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
                return null;
            }
            host = colon < 0 ? s : s.substring(0, colon);
            portText = colon < 0 ? null : s.substring(colon + 1);
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (!Text.isAsciiLetterOrDigit(c) && "-._*?".indexOf(c) < 0) {
                    return null;
                }
            }
        }
        if (host.isEmpty()) {
            return null;
        }
        if (portText == null || portText.equals("*")) {
            return new HostGlob(s, host, ANY_PORT, null);
        }
        if (portText.isEmpty() || !onlyChars(portText, "0123456789*?")) {
            return null;
        }
        if (portText.indexOf('*') < 0 && portText.indexOf('?') < 0) {
            if (portText.length() > 5 || Integer.parseInt(portText) > MAX_PORT) {
                return null;
            }
            return new HostGlob(s, host, Integer.parseInt(portText), null);
        }
        return new HostGlob(s, host, ANY_PORT, portText);
    }

    /** Why {@link #parse} refused {@code text}. */
    static String whyBad(String text) {
        if (!text.startsWith("[") && text.indexOf(':') != text.lastIndexOf(':')) {
            return "IPv6 addresses need brackets, e.g. [::1]:8080";
        }
        return "not a host or host:port glob";
    }

    private static boolean onlyChars(String s, String allowed) {
        for (int i = 0; i < s.length(); i++) {
            if (allowed.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }

    /** The {@code hosts.include} / {@code hosts.exclude} list type. */
    static final ListType LIST = new ListType() {
        @Override
        Object parseItem(String item) {
            return HostGlob.parse(item);
        }

        @Override
        String whyBad(String item) {
            return HostGlob.whyBad(item);
        }

        @Override
        Object build(List<Object> items) {
            List<HostGlob> globs = new ArrayList<HostGlob>();
            for (Object item : items) {
                globs.add((HostGlob) item);
            }
            return Collections.unmodifiableList(globs);
        }

        @Override
        String format(Object value) {
            return Text.join((List<?>) value);
        }
    };
}
