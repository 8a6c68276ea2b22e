package dev.rebound.client.urlconnection;

import dev.rebound.client.CallDepth;

/**
 * The static entry points that the code woven into {@code sun.net.www.protocol.http.HttpURLConnection}
 * calls. Lives on the bootstrap path, so JDK code can link to it. Every fault fails open: the original
 * call proceeds as if rebound were absent.
 */
public final class UrlConnectionHooks {
    private static volatile UrlConnectionAdapter adapter;

    private static final CallDepth<CallScratch> CALLS = new CallDepth<CallScratch>("http-url-connection") {
        @Override
        protected CallScratch newScratch() {
            return new CallScratch();
        }
    };

    private UrlConnectionHooks() {
    }

    public static void install(UrlConnectionAdapter newAdapter) {
        adapter = newAdapter;
    }

    /** Before each run of {@code getInputStream0}. */
    public static void enter(Object connection, Object inputStream, Object rememberedException, boolean streaming) {
        UrlConnectionAdapter a = adapter;
        if (a == null) {
            return;
        }
        CallScratch s = CALLS.enter();
        if (s == null) {
            return;
        }
        try {
            a.enter(s, connection, inputStream != null || rememberedException != null, streaming);
        } catch (Throwable t) {
            CALLS.fault(s, t);
        }
    }

    /**
     * After each run of {@code getInputStream0}; true to run it again. {@code responseCode} is the
     * connection's field as the run left it: the run's own status, or -1 when it parsed none.
     */
    public static boolean exit(Object connection, Object returned, Throwable thrown, int responseCode) {
        UrlConnectionAdapter a = adapter;
        if (a == null) {
            return false;
        }
        CallScratch s = CALLS.exit();
        if (s == null) {
            return false; // a nested run (e.g. getResponseCode from inside our own exit): not ours
        }
        try {
            return s.connection == connection && a.exit(s, connection, thrown, responseCode);
        } catch (Throwable t) {
            CALLS.fault(s, t);
            return false;
        } finally {
            CALLS.exited(s);
        }
    }

    /**
     * Before a re-run of {@code getInputStream0}: the re-send's i-th trace header name (null when none),
     * which the woven loop sets on the connection's request header table with {@link #traceHeaderValue}.
     */
    public static String traceHeaderName(int i) {
        try {
            return CALLS.current().traceHeader(i, false);
        } catch (Throwable t) {
            return null;
        }
    }

    public static String traceHeaderValue(int i) {
        try {
            return CALLS.current().traceHeader(i, true);
        } catch (Throwable t) {
            return null;
        }
    }

    /** Before each run of {@code connect()}. */
    public static void enterConnect(Object connection) {
        if (adapter == null) {
            return;
        }
        CALLS.current().connectDepth++;
    }

    /**
     * After each run of {@code connect()}; true to run it again. Only an app's own {@code connect()} is
     * retried here: inside an exchange the connect failure surfaces from getInputStream0, which retries it.
     */
    public static boolean exitConnect(Object connection, Object ignored, Throwable thrown) {
        UrlConnectionAdapter a = adapter;
        if (a == null) {
            return false;
        }
        CallScratch s = CALLS.current();
        try {
            return s.connectDepth == 1 && s.depth() == 0 && a.exitConnect(s, connection, thrown);
        } catch (Throwable t) {
            CALLS.fault(s, t);
            return false;
        } finally {
            s.connectDepth = s.connectDepth > 0 ? s.connectDepth - 1 : 0;
        }
    }

    /** At the entry of the JDK's {@code HttpClient.parseHTTP}: true switches off its own hidden retry. */
    public static boolean suppressJdkRetry() {
        if (adapter == null) {
            return false;
        }
        CallScratch s = CALLS.current();
        return s.depth() == 1 && s.suppressJdkRetry;
    }
}
