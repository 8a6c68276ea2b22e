package dev.rebound.engine;

import java.util.Arrays;

/**
 * One per-host / per-path rule: which calls it matches (a host glob, a path prefix, a set of methods; each
 * optional) and the policy those calls get. Immutable; matching allocates nothing.
 */
public final class RetryRule {
    private final String name;
    private final HostGlob host;
    private final String pathPrefix;
    private final String[] methods;
    /** {@link Methods} bits of {@link #methods}; a method outside the known ones is looked up by name. */
    private final int methodBits;
    private final RetryPolicy policy;

    /**
     * @param name       what the rule is called in messages, e.g. {@code rules.3}
     * @param host       a {@link HostGlob}, or null for every host
     * @param pathPrefix starts with {@code /}, no {@code ?} or {@code #}; null for every path
     * @param methods    request methods (upper case) the rule applies to; null or empty for every method
     * @throws IllegalArgumentException on a bad glob or prefix
     */
    public RetryRule(String name, String host, String pathPrefix, String[] methods, RetryPolicy policy) {
        if (name == null || policy == null) {
            throw new IllegalArgumentException("a rule needs a name and a policy");
        }
        HostGlob glob = null;
        if (host != null) {
            glob = HostGlob.parse(host);
            if (glob == null) {
                throw new IllegalArgumentException("host '" + host + "': " + HostGlob.whyBad(host));
            }
        }
        if (pathPrefix != null && !isPathPrefix(pathPrefix)) {
            throw new IllegalArgumentException("path '" + pathPrefix + "' is not a path prefix (starts with /, no ? or #)");
        }
        if (methods != null) {
            for (String m : methods) {
                if (!RetryPolicy.isToken(m)) {
                    throw new IllegalArgumentException("method '" + m + "' is not an HTTP method name");
                }
            }
        }
        this.name = name;
        this.host = glob;
        this.pathPrefix = pathPrefix;
        this.methods = methods == null || methods.length == 0 ? null : methods.clone();
        int bits = 0;
        if (this.methods != null) {
            for (String m : this.methods) {
                bits |= Methods.bit(m);
            }
        }
        this.methodBits = bits;
        this.policy = policy;
    }

    /** True for text a rule's {@code path} accepts: starts with {@code /}, holds no {@code ?}, {@code #} or blank. */
    public static boolean isPathPrefix(String s) {
        if (s == null || s.isEmpty() || s.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '?' || c == '#' || c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param host   as {@link HostFilter#matches} takes it (bare IPv6 literals bracketed by the caller)
     * @param method the request method, and its {@link Methods#bit} (0 for a method outside the known ones)
     * @param target the request's path or URI as the client holds it; {@code pathStart} from {@link RequestPath#start}
     */
    boolean matches(String host, int port, String method, int methodBit, String target, int pathStart) {
        if (methods != null && (methodBit != 0 ? (methodBits & methodBit) == 0 : !hasMethod(method))) {
            return false;
        }
        if (pathPrefix != null && !RequestPath.startsWith(target, pathStart, pathPrefix)) {
            return false;
        }
        return matchesHost(host, port);
    }

    /** Matches by host alone: no path or method narrows it. Such a rule may carry a per-host guard. */
    public boolean hostOnly() {
        return pathPrefix == null && methods == null;
    }

    boolean matchesHost(String host, int port) {
        return this.host == null || this.host.matches(host, port);
    }

    private boolean hasMethod(String method) {
        if (method == null) {
            return false;
        }
        for (String m : methods) {
            if (m.equals(method)) {
                return true;
            }
        }
        return false;
    }

    public String name() {
        return name;
    }

    public RetryPolicy policy() {
        return policy;
    }

    @Override
    public String toString() {
        return name + "{host=" + (host == null ? "*" : host) + (pathPrefix == null ? "" : ", path=" + pathPrefix)
                + (methods == null ? "" : ", method=" + Arrays.toString(methods)) + '}';
    }
}
