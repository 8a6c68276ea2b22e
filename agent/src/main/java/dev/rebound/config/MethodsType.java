package dev.rebound.config;

import dev.rebound.engine.RetryPolicy;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code methods} list: HTTP method tokens, upper-cased, as an unmodifiable ordered set. The methods the
 * engine never retries without an idempotency key are refused here, item by item, so that the listed value
 * is the one in force (the engine's builder would otherwise refuse the whole list and keep its default).
 */
final class MethodsType extends ListType {
    static final MethodsType INSTANCE = new MethodsType();

    private MethodsType() {
    }

    @Override
    Object parseItem(String item) {
        return RetryPolicy.isToken(item) && !RetryPolicy.neverWithoutKey(item) ? item.toUpperCase(Locale.ROOT) : null;
    }

    @Override
    String whyBad(String item) {
        return RetryPolicy.neverWithoutKey(item)
                ? "not idempotent: retried only with an idempotency key or after a connect failure"
                : "not an HTTP method name";
    }

    @Override
    Object build(List<Object> items) {
        Set<String> methods = new LinkedHashSet<String>();
        for (Object item : items) {
            methods.add((String) item);
        }
        return Collections.unmodifiableSet(methods);
    }

    @Override
    String format(Object value) {
        return Text.join((Set<?>) value);
    }
}
