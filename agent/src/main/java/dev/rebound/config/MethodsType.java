package dev.rebound.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code methods} list: HTTP method tokens, upper-cased, as an unmodifiable ordered set. */
final class MethodsType extends ListType {
    static final MethodsType INSTANCE = new MethodsType();

    private MethodsType() {
    }

    @Override
    Object parseItem(String item) {
        return Text.isToken(item) ? item.toUpperCase(Locale.ROOT) : null;
    }

    @Override
    String whyBad(String item) {
        return "not an HTTP method name";
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
