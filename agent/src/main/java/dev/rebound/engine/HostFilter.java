package dev.rebound.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Which hosts the agent acts on: include and exclude {@link HostGlob}s. A glob with a port
 * ({@code api.example.com:8443}, {@code *:8080}) matches that host and port; one without matches the host
 * on any port. Exclude wins. Immutable; matching allocates nothing.
 */
public final class HostFilter {
    /** Includes every host, excludes none. */
    public static final HostFilter ALL = of(Collections.singletonList("*"), Collections.<String>emptyList());

    private final HostGlob[] includes;
    private final HostGlob[] excludes;

    private HostFilter(HostGlob[] includes, HostGlob[] excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    /** @throws IllegalArgumentException when a list is null or holds something that is not a {@link HostGlob} */
    public static HostFilter of(Collection<String> includes, Collection<String> excludes) {
        return new HostFilter(parse("include", includes), parse("exclude", excludes));
    }

    private static HostGlob[] parse(String what, Collection<String> patterns) {
        if (patterns == null) {
            throw new IllegalArgumentException(what + " host patterns must not be null");
        }
        List<HostGlob> out = new ArrayList<HostGlob>(patterns.size());
        for (String p : patterns) {
            HostGlob glob = HostGlob.parse(p);
            if (glob == null) {
                throw new IllegalArgumentException(what + " host pattern '" + p + "': " + HostGlob.whyBad(p));
            }
            out.add(glob);
        }
        return out.toArray(new HostGlob[0]);
    }

    /** True when the agent should act on calls to {@code host} at {@code port} (pass the effective port). */
    public boolean matches(String host, int port) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.indexOf(':') >= 0 && host.charAt(0) != '[') {
            host = "[" + host + "]"; // a bare IPv6 literal, as some clients report it; globs bracket it
        }
        return anyMatch(includes, host, port) && !anyMatch(excludes, host, port);
    }

    private static boolean anyMatch(HostGlob[] globs, String host, int port) {
        for (HostGlob glob : globs) {
            if (glob.matches(host, port)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "HostFilter{include=" + Arrays.toString(includes) + ", exclude=" + Arrays.toString(excludes) + '}';
    }
}
