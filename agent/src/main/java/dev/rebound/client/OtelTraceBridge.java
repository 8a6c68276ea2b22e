package dev.rebound.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * The OpenTelemetry Java agent: its context and trace API and its instrumentation API, which it puts in
 * the bootstrap loader under its own shaded package names (those its instrumentations use).
 */
final class OtelTraceBridge extends TraceBridge {
    private static final String SHADED = "io.opentelemetry.javaagent.shaded.";
    static final String CONTEXT = SHADED + "io.opentelemetry.context.Context";
    /** The SDK's span view, in the agent's own class loader: the one place a span's parent can be read. */
    private static final String READABLE_SPAN = "io.opentelemetry.sdk.trace.ReadableSpan";

    private final MethodHandle current;
    private final MethodHandle makeCurrent;
    private final MethodHandle closeScope;
    private final MethodHandle spanFromContext;
    private final MethodHandle wrapSpanContext;
    private final MethodHandle storeSpan;
    private final MethodHandle setLong;
    private final MethodHandle setString;
    private final MethodHandle setStatus;
    private final MethodHandle endSpan;
    private final MethodHandle keyFrom;
    private final MethodHandle keyStore;
    private final Object httpClientKey;
    private final Object clientKindKey;
    private final Object error;
    private final MethodHandle initializeResends;
    private final Method countResend;
    private volatile Method parentOf;

    @SuppressWarnings({"unchecked", "rawtypes"})
    OtelTraceBridge() throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> context = boot(CONTEXT);
        Class<?> scope = boot(SHADED + "io.opentelemetry.context.Scope");
        Class<?> span = boot(SHADED + "io.opentelemetry.api.trace.Span");
        Class<?> spanContext = boot(SHADED + "io.opentelemetry.api.trace.SpanContext");
        Class<?> statusCode = boot(SHADED + "io.opentelemetry.api.trace.StatusCode");
        Class<?> spanKey = boot(SHADED + "instrumentation.api.internal.SpanKey");
        Class<?> resends = boot(SHADED + "instrumentation.api.semconv.http.HttpClientRequestResendCount");
        MethodType toObject = MethodType.methodType(Object.class);
        MethodType objectToObject = MethodType.methodType(Object.class, Object.class);
        current = lookup.findStatic(context, "current", MethodType.methodType(context)).asType(toObject);
        makeCurrent = lookup.findVirtual(context, "makeCurrent", MethodType.methodType(scope)).asType(objectToObject);
        closeScope = lookup.findVirtual(scope, "close", MethodType.methodType(void.class))
                .asType(MethodType.methodType(void.class, Object.class));
        spanFromContext = lookup.findStatic(span, "fromContext", MethodType.methodType(span, context))
                .asType(objectToObject);
        wrapSpanContext = lookup.findStatic(span, "wrap", MethodType.methodType(span, spanContext))
                .asType(objectToObject);
        storeSpan = lookup.findVirtual(span, "storeInContext", MethodType.methodType(context, context))
                .asType(MethodType.methodType(Object.class, Object.class, Object.class));
        setLong = lookup.findVirtual(span, "setAttribute", MethodType.methodType(span, String.class, long.class))
                .asType(MethodType.methodType(Object.class, Object.class, String.class, long.class));
        setString = lookup.findVirtual(span, "setAttribute", MethodType.methodType(span, String.class, String.class))
                .asType(MethodType.methodType(Object.class, Object.class, String.class, String.class));
        setStatus = lookup.findVirtual(span, "setStatus", MethodType.methodType(span, statusCode))
                .asType(MethodType.methodType(Object.class, Object.class, Object.class));
        endSpan = lookup.findVirtual(span, "end", MethodType.methodType(void.class))
                .asType(MethodType.methodType(void.class, Object.class));
        keyFrom = lookup.findVirtual(spanKey, "fromContextOrNull", MethodType.methodType(span, context))
                .asType(MethodType.methodType(Object.class, Object.class, Object.class));
        keyStore = lookup.findVirtual(spanKey, "storeInContext", MethodType.methodType(context, context, span))
                .asType(MethodType.methodType(Object.class, Object.class, Object.class, Object.class));
        httpClientKey = spanKey.getField("HTTP_CLIENT").get(null);
        clientKindKey = spanKey.getField("KIND_CLIENT").get(null);
        error = Enum.valueOf((Class) statusCode, "ERROR");
        initializeResends = lookup.findStatic(resends, "initialize", MethodType.methodType(context, context))
                .asType(objectToObject);
        // Package-private: the agent's own HTTP client extractor counts each attempt through it.
        countResend = resends.getDeclaredMethod("getAndIncrement", context);
        countResend.setAccessible(true);
    }

    @Override
    Object current() throws Throwable {
        return (Object) current.invokeExact();
    }

    /**
     * The OpenTelemetry agent makes one CLIENT span around a whole JDK client {@code send}/{@code sendAsync}
     * (rebound's attempts run below its advice): that span is made the first attempt's and ends now, and
     * the re-sends run in its parent's context, without it, so that the agent's instrumentation of the
     * public {@code sendAsync} each re-send goes through makes a sibling span for it. The context carries
     * the agent's own resend counter, already past the first attempt, so each re-send's span gets
     * {@code http.request.resend_count} from the agent's extractor. Where the captured context holds no
     * such span (OkHttp's are made per network attempt, below rebound's), only the counter is added.
     */
    @Override
    Object forResends(Object captured, int status, Throwable failure) throws Throwable {
        Object parent = captured;
        Object callSpan = (Object) keyFrom.invokeExact(httpClientKey, captured);
        if (callSpan != null) {
            Object parentSpanContext = parentSpanContext(callSpan);
            if (parentSpanContext == null) {
                return captured; // re-sends in the caller's trace at least, under the call's span
            }
            endAsAttempt(callSpan, status, failure);
            parent = (Object) storeSpan.invokeExact((Object) wrapSpanContext.invokeExact(parentSpanContext), captured);
            parent = (Object) keyStore.invokeExact(httpClientKey, parent, (Object) null);
            parent = (Object) keyStore.invokeExact(clientKindKey, parent, (Object) null);
        }
        Object withCounter = (Object) initializeResends.invokeExact(parent);
        countResend.invoke(null, withCounter); // the first attempt
        return withCounter;
    }

    private void endAsAttempt(Object span, int status, Throwable failure) throws Throwable {
        if (status > 0) {
            Object ignored = (Object) setLong.invokeExact(span, "http.response.status_code", (long) status);
            if (status >= 400) {
                ignored = (Object) setString.invokeExact(span, "error.type", Integer.toString(status));
                ignored = (Object) setStatus.invokeExact(span, error);
            }
        } else if (failure != null) {
            Object ignored = (Object) setString.invokeExact(span, "error.type", failure.getClass().getName());
            ignored = (Object) setStatus.invokeExact(span, error);
        }
        endSpan.invokeExact(span);
    }

    /** The span's parent, read through the SDK's {@code ReadableSpan}; null if the span is not the SDK's. */
    private Object parentSpanContext(Object span) throws ReflectiveOperationException {
        Method m = parentOf;
        if (m == null) {
            Class<?> readable = readableSpan(span.getClass());
            if (readable == null) {
                return null;
            }
            m = readable.getMethod("getParentSpanContext");
            parentOf = m;
        }
        return m.invoke(span);
    }

    private static Class<?> readableSpan(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                Class<?> found = i.getName().equals(READABLE_SPAN) ? i : readableSpan(i);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Override
    Object enter(Object context) throws Throwable {
        return (Object) makeCurrent.invokeExact(context);
    }

    @Override
    void exit(Object scope) throws Throwable {
        closeScope.invokeExact(scope);
    }
}
