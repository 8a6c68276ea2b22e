package dev.rebound.client.urlconnection;

import dev.rebound.client.Failures;
import dev.rebound.client.Hosts;
import dev.rebound.client.SyncAttempt;
import dev.rebound.engine.Client;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.RetryCall;
import dev.rebound.engine.RetryEngine;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * Translates one {@link HttpURLConnection} exchange for the engine: facts in, status or failure out.
 * Decisions are the engine's; this class only reads the connection and waits.
 */
public final class UrlConnectionAdapter {
    private static final Client CLIENT = Client.named("http-url-connection");
    private final RetryEngine engine;

    public UrlConnectionAdapter(RetryEngine engine) {
        this.engine = engine;
    }

    void enter(CallScratch s, Object connection, boolean responseAlreadyThere, boolean streaming) {
        if (s.retrying() && s.connection == connection && !responseAlreadyThere) {
            if (streaming) {
                // A call begun by a connect() that rebound retried: the app has streamed its body since.
                s.replayable = false;
                s.call().bodyConsumed();
            }
            return; // the next attempt of the call already under way
        }
        s.clear();
        if (responseAlreadyThere) {
            return; // getHeaderField and friends re-enter once the exchange is over
        }
        HttpURLConnection c = (HttpURLConnection) connection;
        URL url = c.getURL();
        String host = url.getHost();
        int port = url.getPort() < 0 ? url.getDefaultPort() : url.getPort();
        if (!engine.enabledFor(host, port)) {
            return;
        }
        s.connection = connection;
        s.replayable = !streaming;
        s.start(engine, CLIENT, Hosts.authority(url), c.getRequestMethod(), host, port, url.getPath());
        s.suppressJdkRetry = s.resendsResets();
    }

    /**
     * Judges the attempt that just ended by its own result. {@code responseCode} is the connection's field
     * as the attempt left it: {@code getInputStream0} sets it once it has the attempt's status line, and
     * it is -1 when the attempt failed before (a fresh connection, and {@code disconnect()} before each
     * retry). {@code getResponseCode()} is no witness there: it re-reads the header table, which an
     * attempt failing before its headers leaves as it was (partly parsed, or an earlier attempt's).
     */
    boolean exit(CallScratch s, Object connection, Throwable thrown, int responseCode) {
        HttpURLConnection c = (HttpURLConnection) connection;
        // A thrown attempt has a status only when it is the JDK's own exception for a status >= 400;
        // anything else thrown is the attempt's failure, whatever status line came before it. One that
        // returned has its status cached on the connection: reading it allocates nothing.
        int status = thrown == null ? statusOf(c) : responseCode >= 400 ? responseCode : -1;
        FailureKind kind = status < 0 ? Failures.classify(thrown) : null;
        RetryCall call = s.callFor(status, kind);
        if (call == null) {
            return false;
        }
        long delay = status >= 0 ? call.onStatus(status, c.getHeaderField("Retry-After")) : call.onFailure(kind);
        s.traceAttemptEnded(status, thrown, delay >= 0);
        if (!SyncAttempt.waitForNext(s, call, delay)) {
            return false;
        }
        c.disconnect();
        s.traceResend();
        return true;
    }

    /**
     * An app's explicit {@code connect()} failed or succeeded. A connect failure starts (or continues) the
     * logical call here; once connected, the call stays in the scratch so that the exchange that follows
     * on this connection counts its attempts against the same {@code max-attempts}.
     */
    boolean exitConnect(CallScratch s, Object connection, Throwable thrown) {
        if (s.connection != connection) {
            if (thrown == null) {
                return false; // the usual case: connected at once, the exchange will do the accounting
            }
            enter(s, connection, false, false);
            if (s.connection == null) {
                return false; // host not handled
            }
        }
        if (thrown == null) {
            return false; // connected after retries: the exchange continues the call
        }
        // Streaming mode is decided later, at getOutputStream; a connect failure sent no body either way.
        FailureKind kind = Failures.classify(thrown);
        RetryCall call = s.callFor(-1, kind);
        return call != null && SyncAttempt.waitForNext(s, call, call.onFailure(kind));
    }

    /** The response status, or -1 when the attempt ended without one (transport failure). */
    private static int statusOf(HttpURLConnection c) {
        try {
            return c.getResponseCode();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
