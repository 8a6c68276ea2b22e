package dev.rebound.client.urlconnection;

import dev.rebound.client.BridgeFactory;
import dev.rebound.client.ClientModule;
import dev.rebound.client.ClientSetup;
import dev.rebound.engine.Client;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.weave.EntryFlag;
import dev.rebound.weave.HookArg;
import dev.rebound.weave.RetryLoop;
import dev.rebound.weave.TypeWeave;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Puts the {@code HttpURLConnection} hooks in place and says what to weave (http and https: the https
 * implementation extends the same class).
 *
 * <p>{@code getInputStream0} is the single exchange every entry point reaches ({@code getInputStream},
 * {@code getResponseCode}, {@code getHeaderField}...). It is re-run in place: on a retry the exit hook
 * disconnects and the loop clears the fields and the header table that would otherwise replay the failed
 * attempt.
 * {@code HttpClient.parseHTTP} gets a flag that switches off the JDK's own one-time resend while rebound
 * is the one resending, so wire attempts never exceed {@code max-attempts}.
 */
public final class UrlConnectionSetup implements ClientSetup {
    static final String CONNECTION = "sun/net/www/protocol/http/HttpURLConnection";
    static final String JDK_CLIENT = "sun/net/www/http/HttpClient";
    /** Trace headers a re-send may carry (W3C traceparent, tracestate, baggage; or B3's, Jaeger's...). */
    static final int TRACE_HEADERS = 5;
    private static final String HOOKS = "dev/rebound/client/urlconnection/UrlConnectionHooks";
    private static final String STREAM = "Ljava/io/InputStream;";
    private static final String EXCEPTION = "Ljava/lang/Exception;";

    public UrlConnectionSetup() {
        // made by the agent when HttpURLConnection first loads
    }

    @Override
    public void install(ClientModule module, RetryEngine engine, Client client, BridgeFactory bridges) {
        UrlConnectionHooks.install(new UrlConnectionAdapter(engine));
    }

    /**
     * Only when {@code reset} is in {@code retry-on} at start-up (in observe mode too, so that switching to
     * retry later needs no new weaving; the per-call switch stays off there) is the JDK's own resend switched off, and only then is
     * its class woven at all.
     */
    @Override
    public List<TypeWeave> weaves(RetryPolicy policy) {
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
                .withResetCall("responses", "Lsun/net/www/MessageHeader;", "reset")
                // A re-send's trace context (Traces): the table the JDK writes each attempt's request from.
                .withRerunPairs("requests", "Lsun/net/www/MessageHeader;", "set", "traceHeaderName",
                        "traceHeaderValue", TRACE_HEADERS);
        RetryLoop connect = new RetryLoop("connect", "()V", HOOKS,
                "enterConnect", new HookArg[] {HookArg.self()}, "exitConnect");
        EntryFlag noHiddenResend = new EntryFlag("parseHTTP", HOOKS, "suppressJdkRetry", "failedOnce");
        TypeWeave connection = TypeWeave.of(CONNECTION,
                Arrays.asList(exchange, connect), Collections.<EntryFlag>emptyList());
        if (!policy.isRetryable(FailureKind.RESET)) {
            return Collections.singletonList(connection);
        }
        return Arrays.asList(connection, TypeWeave.of(JDK_CLIENT,
                Collections.<RetryLoop>emptyList(), Collections.singletonList(noHiddenResend)));
    }
}
