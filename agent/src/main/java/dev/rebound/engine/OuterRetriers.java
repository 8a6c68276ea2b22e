package dev.rebound.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The retry libraries that retry a call themselves (AWS SDKs, Spring Retry, Resilience4j, Failsafe...),
 * known by the frames they leave on the calling thread's stack. A call made inside one is not retried by
 * rebound as well: retries at two layers multiply. Looked at only once a call's first attempt is already
 * a retry candidate, so a healthy call never pays for it.
 *
 * <p>An entry is a class-name prefix ({@code com.amazonaws.http.AmazonHttpClient} also matches its nested
 * classes, {@code io.github.resilience4j.retry.} a whole package) or one method, {@code class#method}
 * (exact class and method name). Immutable.
 */
public final class OuterRetriers {
    /** Retriers whose frames show that the call will be retried by them; see README, "One retry layer". */
    public static final List<String> DEFAULT_ENTRIES = Collections.unmodifiableList(Arrays.asList(
            "com.amazonaws.http.AmazonHttpClient",
            "software.amazon.awssdk.core.internal.http.pipeline.stages.RetryableStage",
            "org.springframework.retry.support.RetryTemplate",
            "org.springframework.cloud.client.loadbalancer.RetryLoadBalancerInterceptor",
            "io.github.resilience4j.retry.",
            "dev.failsafe.internal.RetryPolicyExecutor",
            "net.jodah.failsafe.RetryPolicyExecutor"));

    public static final OuterRetriers NONE = new OuterRetriers(new String[0], new String[0]);
    public static final OuterRetriers DEFAULTS = of(DEFAULT_ENTRIES);

    /** Class-name prefixes, or the class of a {@code class#method} entry. */
    private final String[] classes;
    /** The method of the entry at the same index, or null for a prefix entry. */
    private final String[] methods;

    private OuterRetriers(String[] classes, String[] methods) {
        this.classes = classes;
        this.methods = methods;
    }

    /** @throws IllegalArgumentException when an entry is null or not a class name, prefix or {@code class#method} */
    public static OuterRetriers of(Collection<String> entries) {
        if (entries == null) {
            throw new IllegalArgumentException("outer retriers must not be null");
        }
        List<String> classes = new ArrayList<String>();
        List<String> methods = new ArrayList<String>();
        for (String e : entries) {
            String why = whyBad(e);
            if (why != null) {
                throw new IllegalArgumentException("outer retrier '" + e + "' " + why);
            }
            int hash = e.indexOf('#');
            classes.add(hash < 0 ? e : e.substring(0, hash));
            methods.add(hash < 0 ? null : e.substring(hash + 1));
        }
        return new OuterRetriers(classes.toArray(new String[0]), methods.toArray(new String[0]));
    }

    /** Null when {@code entry} is a valid entry, else why not. */
    public static String whyBad(String entry) {
        if (entry == null || entry.isEmpty()) {
            return "is empty";
        }
        int hash = entry.indexOf('#');
        String type = hash < 0 ? entry : entry.substring(0, hash);
        if (!isName(type, true)) {
            return "is not a class name or package prefix";
        }
        if (hash >= 0 && (type.endsWith(".") || !isName(entry.substring(hash + 1), false))) {
            return "is not class#method";
        }
        return null;
    }

    /** Dotted Java identifiers ({@code $} allowed); a trailing dot only when {@code prefixAllowed}. */
    private static boolean isName(String s, boolean prefixAllowed) {
        if (s.isEmpty()) {
            return false;
        }
        boolean atStart = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' && prefixAllowed) {
                if (atStart) {
                    return false;
                }
                atStart = true;
            } else if (atStart ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c)) {
                atStart = false;
            } else {
                return false;
            }
        }
        return !atStart || s.endsWith(".");
    }

    public boolean isEmpty() {
        return classes.length == 0;
    }

    /**
     * Is any frame a retrier's? {@code frames} is a stack, innermost first; with {@code anchorClass} set,
     * only the frames outside (below) the first frame of {@code anchorClass#anchorMethod} count, and a
     * stack without that frame matches nothing: the thread is no longer in the call.
     */
    public boolean around(StackTraceElement[] frames, String anchorClass, String anchorMethod) {
        if (frames == null) {
            return false;
        }
        int from = 0;
        if (anchorClass != null) {
            from = -1;
            for (int i = 0; i < frames.length; i++) {
                if (anchorClass.equals(frames[i].getClassName()) && anchorMethod.equals(frames[i].getMethodName())) {
                    from = i + 1;
                    break;
                }
            }
            if (from < 0) {
                return false;
            }
        }
        for (int i = from; i < frames.length; i++) {
            if (matches(frames[i])) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(StackTraceElement frame) {
        String type = frame.getClassName();
        for (int e = 0; e < classes.length; e++) {
            String method = methods[e];
            if (method == null ? type.startsWith(classes[e])
                    : type.equals(classes[e]) && method.equals(frame.getMethodName())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("OuterRetriers[");
        for (int e = 0; e < classes.length; e++) {
            sb.append(e == 0 ? "" : ",").append(classes[e]).append(methods[e] == null ? "" : "#" + methods[e]);
        }
        return sb.append(']').toString();
    }
}
