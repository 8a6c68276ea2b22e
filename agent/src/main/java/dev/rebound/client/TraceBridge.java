package dev.rebound.client;

/**
 * One tracing agent's context API, as {@link Traces} uses it. The agents' classes are found by name in
 * the bootstrap loader, where each agent puts its own API; none is on rebound's class path.
 */
abstract class TraceBridge {
    /** No tracing agent in this JVM. */
    static final TraceBridge NONE = new TraceBridge() {
        @Override
        Object current() {
            return null;
        }

        @Override
        Object enter(Object context) {
            return null;
        }

        @Override
        void exit(Object scope) {
        }
    };

    private static final OnceLine UNUSABLE = new OnceLine("rebound: tracing: the tracing agent's API is not"
            + " as expected; re-sends are traced as without rebound's help");

    /**
     * The agent in this JVM, looked for once, at the first call that asks: by then every {@code -javaagent}
     * has run its premain, whatever their order. The OpenTelemetry agent first: it is the one whose spans
     * rebound also shapes.
     */
    static TraceBridge find() {
        try {
            if (present(OtelTraceBridge.CONTEXT)) {
                return new OtelTraceBridge();
            }
            if (present(DatadogTraceBridge.CONTEXT)) {
                return new DatadogTraceBridge();
            }
        } catch (Throwable t) {
            UNUSABLE.report(t);
        }
        return NONE;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static Class<?> boot(String className) throws ClassNotFoundException {
        return Class.forName(className, false, null);
    }

    /** The current context of this thread. */
    abstract Object current() throws Throwable;

    /** The context a call's re-sends run in (see {@link Traces#forResends}); by default the captured one. */
    Object forResends(Object captured, int status, Throwable failure) throws Throwable {
        return captured;
    }

    /** A span for a synchronous re-send (see {@link Traces#startAttempt}); none by default. */
    Object startAttempt(Object resends, int resendCount, Traces.Headers headers) throws Throwable {
        return null;
    }

    void endAttempt(Object span, int status, Throwable failure) throws Throwable {
    }

    abstract Object enter(Object context) throws Throwable;

    abstract void exit(Object scope) throws Throwable;
}
