package dev.rebound.config;

import java.util.List;

/**
 * Which hosts rebound handles, from {@code hosts.include} and {@code hosts.exclude}: a host is handled when
 * some include glob matches it and no exclude glob does. Immutable, thread-safe, allocation-free.
 */
public final class HostFilter {
    private final HostGlob[] include;
    private final HostGlob[] exclude;

    HostFilter(List<HostGlob> include, List<HostGlob> exclude) {
        this.include = include.toArray(new HostGlob[include.size()]);
        this.exclude = exclude.toArray(new HostGlob[exclude.size()]);
    }

    /**
     * @param host the host as the client reports it (IPv6 with or without brackets)
     * @param port the port, or -1 when unknown (then globs naming a port do not match)
     */
    public boolean allows(String host, int port) {
        return anyMatch(include, host, port) && !anyMatch(exclude, host, port);
    }

    private static boolean anyMatch(HostGlob[] globs, String host, int port) {
        for (HostGlob glob : globs) {
            if (glob.matches(host, port)) {
                return true;
            }
        }
        return false;
    }
}
