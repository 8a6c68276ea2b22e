package dev.rebound.client.urlconnection;

import dev.rebound.weave.EntryFlag;
import dev.rebound.weave.HookArg;
import dev.rebound.weave.RetryLoop;
import dev.rebound.weave.TypeWeave;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What to weave for {@code HttpURLConnection} (http and https: the https implementation extends the same
 * class). Stays on the agent's side of the class loader split (the name ends in Instrumentation).
 *
 * <p>{@code getInputStream0} is the single exchange every entry point reaches ({@code getInputStream},
 * {@code getResponseCode}, {@code getHeaderField}...). It is re-run in place: on a retry the exit hook
 * disconnects and the loop clears the fields and the header table that would otherwise replay the failed
 * attempt.
 * {@code HttpClient.parseHTTP} gets a flag that switches off the JDK's own one-time resend while rebound
 * is the one resending, so wire attempts never exceed {@code max-attempts}.
 */
public final class UrlConnectionInstrumentation {
    public static final String NAME = "http-url-connection";
    private static final String HOOKS = "dev/rebound/client/urlconnection/UrlConnectionHooks";
    private static final String STREAM = "Ljava/io/InputStream;";
    private static final String EXCEPTION = "Ljava/lang/Exception;";

    private UrlConnectionInstrumentation() {
    }

    /**
     * @param resendsResets whether rebound may re-send after a reset; only then is the JDK's own resend
     *                      switched off, and only then is its class woven at all
     */
    public static List<TypeWeave> weaves(boolean resendsResets) {
        RetryLoop exchange = new RetryLoop("getInputStream0", "()" + STREAM, HOOKS,
                "enter", new HookArg[] {
                    HookArg.self(),
                    HookArg.field("inputStream", STREAM),
                    HookArg.field("rememberedException", EXCEPTION),
                    HookArg.call("streaming", "()Z")},
                "exit",
                "inputStream", STREAM,
                "errorStream", STREAM,
                "rememberedException", EXCEPTION)
                // The attempt's own status: getResponseCode() would re-read a stale status line from the
                // header table when this attempt failed before its headers.
                .withExitArgs(HookArg.field("responseCode", "I"))
                // That header table is reused, not replaced, by each exchange: emptied before a re-run, so
                // that an attempt failing before its headers leaves none of an earlier attempt's.
                .withResetCall("responses", "Lsun/net/www/MessageHeader;", "reset");
        RetryLoop connect = new RetryLoop("connect", "()V", HOOKS,
                "enterConnect", new HookArg[] {HookArg.self()}, "exitConnect");
        EntryFlag noHiddenResend = new EntryFlag("parseHTTP", HOOKS, "suppressJdkRetry", "failedOnce");
        TypeWeave connection = TypeWeave.of("sun/net/www/protocol/http/HttpURLConnection",
                Arrays.asList(exchange, connect), Collections.<EntryFlag>emptyList());
        if (!resendsResets) {
            return Collections.singletonList(connection);
        }
        return Arrays.asList(connection, TypeWeave.of("sun/net/www/http/HttpClient",
                Collections.<RetryLoop>emptyList(), Collections.singletonList(noHiddenResend)));
    }
}
