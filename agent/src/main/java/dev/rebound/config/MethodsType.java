package dev.rebound.config;

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
    /** As {@code RetryPolicy}'s own list (RFC 9110 section 9.2.2); a unit test keeps the two in step. */
    private static final String[] NOT_IDEMPOTENT = {"POST", "PATCH", "CONNECT"};

    private MethodsType() {
    }

    @Override
    Object parseItem(String item) {
        return Text.isToken(item) && !notIdempotent(item) ? item.toUpperCase(Locale.ROOT) : null;
    }

    @Override
    String whyBad(String item) {
        return notIdempotent(item)
                ? "not idempotent: retried only with an idempotency key or after a connect failure"
                : "not an HTTP method name";
    }

    private static boolean notIdempotent(String item) {
        for (String method : NOT_IDEMPOTENT) {
            if (method.equalsIgnoreCase(item)) {
                return true;
            }
        }
        return false;
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
