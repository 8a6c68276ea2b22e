package dev.rebound.client;

import java.net.URI;
import java.net.URL;

/** The host label of a URL or URI: {@code host[:port]} as written, never user info, path or query. */
public final class Hosts {
    private Hosts() {
    }

    public static String authority(URL url) {
        String authority = url.getAuthority();
        return authority == null ? url.getHost() : withoutUserInfo(authority);
    }

    public static String authority(URI uri) {
        String authority = uri.getRawAuthority();
        return authority == null ? uri.getHost() : withoutUserInfo(authority);
    }

    private static String withoutUserInfo(String authority) {
        int at = authority.lastIndexOf('@');
        return at < 0 ? authority : authority.substring(at + 1);
    }
}
