package dev.rebound.client;

import java.net.URL;

/** The host label of a URL: {@code host[:port]} as written, never user info, path or query. */
public final class Hosts {
    private Hosts() {
    }

    public static String authority(URL url) {
        String authority = url.getAuthority();
        if (authority == null) {
            return url.getHost();
        }
        int at = authority.lastIndexOf('@');
        return at < 0 ? authority : authority.substring(at + 1);
    }
}
