package dev.rebound.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Datadog's {@code dd-java-agent}: its context API ({@code datadog.context.Context}). */
final class DatadogTraceBridge extends TraceBridge {
    static final String CONTEXT = "datadog.context.Context";

    private final MethodHandle current;
    private final MethodHandle attach;
    private final MethodHandle close;

    DatadogTraceBridge() throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> context = boot(CONTEXT);
        Class<?> scope = boot("datadog.context.ContextScope");
        current = lookup.findStatic(context, "current", MethodType.methodType(context))
                .asType(MethodType.methodType(Object.class));
        attach = lookup.findVirtual(context, "attach", MethodType.methodType(scope))
                .asType(MethodType.methodType(Object.class, Object.class));
        close = lookup.findVirtual(scope, "close", MethodType.methodType(void.class))
                .asType(MethodType.methodType(void.class, Object.class));
    }

    @Override
    Object current() throws Throwable {
        return (Object) current.invokeExact();
    }

    @Override
    Object enter(Object context) throws Throwable {
        return (Object) attach.invokeExact(context);
    }

    @Override
    void exit(Object scope) throws Throwable {
        close.invokeExact(scope);
    }
}
