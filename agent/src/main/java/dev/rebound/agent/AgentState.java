package dev.rebound.agent;

/**
 * Whether rebound runs in this JVM and how it got there. The mark is a system property, so that the
 * attach CLI can read it from outside through the Attach API before it loads anything; the running agent
 * is held here, in a class of the system loader, which every later {@code agentmain} of the same jar
 * reaches again. Names nothing on the bootstrap path: {@link Premain} uses it before those classes exist.
 */
public final class AgentState {
    /** Not {@code rebound.*}: that namespace is the configuration's, which reports unknown keys in it. */
    public static final String MARK = "dev.rebound.agent";
    public static final String PREMAIN = "premain";
    public static final String ATTACH = "attach";

    /** What {@code status} and {@code detach} act on. */
    interface Running {
        /** The version, the clients, the effective configuration and the counters. */
        String status(String loadedBy);

        /** One line for the attach command: what is instrumented, and any configuration problem. */
        String summary();

        /** Stops instrumenting and restores the woven classes; returns what it did. */
        String detach();
    }

    private static volatile Running running;

    private AgentState() {
    }

    static void started(Running agent) {
        running = agent;
    }

    static Running running() {
        return running;
    }

    static void stopped() {
        running = null;
    }

    /** How rebound was loaded here: {@link #PREMAIN}, {@link #ATTACH}, or null when it is not. */
    static String loadedBy() {
        return System.getProperty(MARK);
    }

    /** Fails open: without the mark the CLI cannot tell the cases apart, and the agent still refuses them. */
    static void mark(String how) {
        try {
            if (how == null) {
                System.clearProperty(MARK);
            } else {
                System.setProperty(MARK, how);
            }
        } catch (SecurityException e) {
            System.err.println("rebound: cannot set the system property " + MARK + " (" + e + ")");
        }
    }
}
