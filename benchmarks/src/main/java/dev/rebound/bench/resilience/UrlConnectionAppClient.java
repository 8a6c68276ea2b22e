package dev.rebound.bench.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/** {@link HttpURLConnection} the way legacy code uses it: one connection object per request, keep-alive by the JDK. */
public final class UrlConnectionAppClient implements AppClient {
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 10_000;

    @Override
    public String name() {
        return "http-url-connection";
    }

    @Override
    public int send(String method, URI uri, long callId, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(CONNECT_TIMEOUT_MS);
        c.setReadTimeout(READ_TIMEOUT_MS);
        c.setRequestMethod(method);
        c.setRequestProperty(CALL_HEADER, Long.toString(callId));
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        // Read the body to its end so that the JDK can reuse the connection, as a well-behaved app does.
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (in != null) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return status;
    }
}
