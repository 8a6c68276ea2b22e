package dev.rebound.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

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
    /** Made on the first re-send rebound traces itself: its tracer, propagator and header setter. */
    private volatile SpanMaker maker;

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
        String name = null;
        Object attributes = null;
        if (callSpan != null) {
            Object parentSpanContext = sdk(callSpan, "getParentSpanContext");
            if (parentSpanContext == null) {
                return new Resends(captured, null, null); // in the caller's trace at least, under the call's span
            }
            // Read before it ends: the request's attributes alone, as the agent set them at its start.
            name = (String) sdk(callSpan, "getName");
            attributes = sdk(callSpan, "getAttributes");
            endAsAttempt(callSpan, status, failure);
            parent = (Object) storeSpan.invokeExact((Object) wrapSpanContext.invokeExact(parentSpanContext), captured);
            parent = (Object) keyStore.invokeExact(httpClientKey, parent, (Object) null);
            parent = (Object) keyStore.invokeExact(clientKindKey, parent, (Object) null);
        }
        Object withCounter = (Object) initializeResends.invokeExact(parent);
        countResend.invoke(null, withCounter); // the first attempt
        return new Resends(withCounter, name, attributes);
    }

    /** What {@link #forResends} found: the re-sends' context, and the call span's name and request attributes. */
    private static final class Resends {
        final Object context;
        final String name;
        final Object attributes;

        Resends(Object context, String name, Object attributes) {
            this.context = context;
            this.name = name;
            this.attributes = attributes;
        }
    }

    @Override
    Object startAttempt(Object resends, int resendCount, Traces.Headers headers) throws Throwable {
        Resends r = (Resends) resends;
        if (r.name == null) {
            return null; // the agent traced no span around this call: nor does rebound
        }
        SpanMaker m = maker;
        if (m == null) {
            m = new SpanMaker();
            maker = m;
        }
        return m.start(r, resendCount, headers);
    }

    @Override
    void endAttempt(Object span, int status, Throwable failure) throws Throwable {
        endAsAttempt(span, status, failure);
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

    /**
     * {@code ReadableSpan.<getter>()} of an SDK span (its parent, name, attributes: the API has no getter
     * for them); null if the span is not the SDK's. Called on a call's first retry only.
     */
    private Object sdk(Object span, String getter) throws ReflectiveOperationException {
        Class<?> readable = readableSpan(span.getClass());
        if (readable == null) {
            return null;
        }
        return readable.getMethod(getter).invoke(span);
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
    Object enter(Object resends) throws Throwable {
        return (Object) makeCurrent.invokeExact(((Resends) resends).context);
    }

    /**
     * Starts rebound's span for a synchronous re-send, through the agent's global tracer, and writes its
     * context into the request through the agent's own propagators (W3C, B3..., as configured).
     */
    private final class SpanMaker implements InvocationHandler {
        private final Object tracer;
        private final Object propagator;
        private final Object setter;
        private final Object clientKind;
        private final MethodHandle spanBuilder;
        private final MethodHandle setParent;
        private final MethodHandle setKind;
        private final MethodHandle setAll;
        private final MethodHandle setBuilderLong;
        private final MethodHandle startSpan;
        private final MethodHandle inject;

        @SuppressWarnings({"unchecked", "rawtypes"})
        SpanMaker() throws Throwable {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> context = boot(CONTEXT);
            Class<?> global = boot(SHADED + "io.opentelemetry.api.GlobalOpenTelemetry");
            Class<?> tracerType = boot(SHADED + "io.opentelemetry.api.trace.Tracer");
            Class<?> builder = boot(SHADED + "io.opentelemetry.api.trace.SpanBuilder");
            Class<?> span = boot(SHADED + "io.opentelemetry.api.trace.Span");
            Class<?> kind = boot(SHADED + "io.opentelemetry.api.trace.SpanKind");
            Class<?> attributes = boot(SHADED + "io.opentelemetry.api.common.Attributes");
            Class<?> propagators = boot(SHADED + "io.opentelemetry.context.propagation.ContextPropagators");
            Class<?> textMap = boot(SHADED + "io.opentelemetry.context.propagation.TextMapPropagator");
            Class<?> setterType = boot(SHADED + "io.opentelemetry.context.propagation.TextMapSetter");
            tracer = lookup.findStatic(global, "getTracer", MethodType.methodType(tracerType, String.class))
                    .invoke("rebound");
            Object globalPropagators = lookup.findStatic(global, "getPropagators", MethodType.methodType(propagators))
                    .invoke();
            propagator = lookup.findVirtual(propagators, "getTextMapPropagator", MethodType.methodType(textMap))
                    .invoke(globalPropagators);
            setter = Proxy.newProxyInstance(null, new Class<?>[] {setterType}, this);
            clientKind = Enum.valueOf((Class) kind, "CLIENT");
            spanBuilder = lookup.findVirtual(tracerType, "spanBuilder", MethodType.methodType(builder, String.class))
                    .asType(MethodType.methodType(Object.class, Object.class, String.class));
            setParent = lookup.findVirtual(builder, "setParent", MethodType.methodType(builder, context))
                    .asType(MethodType.methodType(Object.class, Object.class, Object.class));
            setKind = lookup.findVirtual(builder, "setSpanKind", MethodType.methodType(builder, kind))
                    .asType(MethodType.methodType(Object.class, Object.class, Object.class));
            setAll = lookup.findVirtual(builder, "setAllAttributes", MethodType.methodType(builder, attributes))
                    .asType(MethodType.methodType(Object.class, Object.class, Object.class));
            setBuilderLong = lookup.findVirtual(builder, "setAttribute",
                            MethodType.methodType(builder, String.class, long.class))
                    .asType(MethodType.methodType(Object.class, Object.class, String.class, long.class));
            startSpan = lookup.findVirtual(builder, "startSpan", MethodType.methodType(span))
                    .asType(MethodType.methodType(Object.class, Object.class));
            inject = lookup.findVirtual(textMap, "inject",
                            MethodType.methodType(void.class, context, Object.class, setterType))
                    .asType(MethodType.methodType(void.class, Object.class, Object.class, Object.class, Object.class));
        }

        Object start(Resends r, int resendCount, Traces.Headers headers) throws Throwable {
            Object b = (Object) spanBuilder.invokeExact(tracer, r.name);
            b = (Object) setParent.invokeExact(b, r.context);
            b = (Object) setKind.invokeExact(b, clientKind);
            if (r.attributes != null) {
                b = (Object) setAll.invokeExact(b, r.attributes);
            }
            b = (Object) setBuilderLong.invokeExact(b, "http.request.resend_count", (long) resendCount);
            Object span = (Object) startSpan.invokeExact(b);
            Map<String, String> carrier = new LinkedHashMap<String, String>();
            inject.invokeExact(propagator, (Object) storeSpan.invokeExact(span, r.context), (Object) carrier, setter);
            for (Map.Entry<String, String> header : carrier.entrySet()) {
                headers.traceHeader(header.getKey(), header.getValue());
            }
            return span;
        }

        /** The propagator's {@code TextMapSetter.set(carrier, key, value)}, into the carrier map. */
        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object proxy, Method method, Object[] args) {
            if (method.getName().equals("set") && args != null && args.length == 3 && args[0] instanceof Map) {
                ((Map<String, String>) args[0]).put(String.valueOf(args[1]), String.valueOf(args[2]));
                return null;
            }
            if (method.getName().equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            if (method.getName().equals("equals")) {
                return proxy == args[0];
            }
            return method.getName().equals("toString") ? "rebound trace header setter" : null;
        }
    }

    @Override
    void exit(Object scope) throws Throwable {
        closeScope.invokeExact(scope);
    }
}
