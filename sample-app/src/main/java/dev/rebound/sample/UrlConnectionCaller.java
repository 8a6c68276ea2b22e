package dev.rebound.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.util.Map;

/** Calls through {@link HttpURLConnection}: a fresh connection object per call, disconnected afterwards. */
final class UrlConnectionCaller implements Caller {
    private final ClientSettings settings;

    UrlConnectionCaller(ClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public Reply call(Request request) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) request.uri().toURL().openConnection();
        try {
            configure(connection, request);
            if (settings.entry() == EntryMode.CONNECT) {
                connection.connect();
            }
            if (request.hasBody()) {
                writeBody(connection, request.body());
            }
            return settings.entry() == EntryMode.INPUT_STREAM
                    ? readFromInputStreamFirst(connection)
                    : readFromResponseCodeFirst(connection);
        } finally {
            connection.disconnect();
        }
    }

    private void configure(HttpURLConnection connection, Request request) throws IOException {
        connection.setConnectTimeout(settings.timeoutMs());
        connection.setReadTimeout(settings.timeoutMs());
        // Throws ProtocolException for methods HttpURLConnection does not know, such as PATCH.
        connection.setRequestMethod(request.method());
        for (Map.Entry<String, String> header : request.headers()) {
            connection.addRequestProperty(header.getKey(), header.getValue());
        }
        if (request.hasBody()) {
            connection.setDoOutput(true);
            if (settings.streaming() == StreamingMode.FIXED) {
                connection.setFixedLengthStreamingMode(request.body().length);
            } else if (settings.streaming() == StreamingMode.CHUNKED) {
                connection.setChunkedStreamingMode(0);
            }
        }
    }

    private static void writeBody(HttpURLConnection connection, byte[] body) throws IOException {
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
    }

    private static Reply readFromResponseCodeFirst(HttpURLConnection connection) throws IOException {
        int status = connection.getResponseCode();
        byte[] body = status < 400 ? readAll(connection.getInputStream()) : readAll(connection.getErrorStream());
        return new Reply(status, body, connection.getHeaderFields());
    }

    private static Reply readFromInputStreamFirst(HttpURLConnection connection) throws IOException {
        InputStream in;
        try {
            in = connection.getInputStream();
        } catch (IOException noBody) {
            // A status >= 400 surfaces here; anything else (no response at all) is the call's failure.
            int status;
            try {
                status = connection.getResponseCode();
            } catch (IOException noResponse) {
                throw noBody;
            }
            if (status < 400) {
                throw noBody;
            }
            return new Reply(status, readAll(connection.getErrorStream()), connection.getHeaderFields());
        }
        byte[] body = readAll(in);
        return new Reply(connection.getResponseCode(), body, connection.getHeaderFields());
    }

    /** Reads and closes the stream; null (no error body) reads as empty. */
    private static byte[] readAll(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (InputStream stream = in) {
            return stream.readAllBytes();
        }
    }
}
