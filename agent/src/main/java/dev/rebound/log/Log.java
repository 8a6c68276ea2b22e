package dev.rebound.log;

import java.io.PrintStream;

/**
 * rebound's own stderr lines, each prefixed {@code rebound}. No logging framework: the agent must not
 * initialise or clash with the app's. Callers never pass header values, query strings or bodies.
 */
public final class Log {
    public static final int ERROR = 0;
    public static final int WARN = 1;
    public static final int INFO = 2;
    public static final int DEBUG = 3;

    private static volatile int level = INFO;

    private Log() {
    }

    public static void setLevel(int newLevel) {
        level = newLevel;
    }

    public static boolean debugEnabled() {
        return level >= DEBUG;
    }

    public static void error(String message) {
        print(ERROR, message);
    }

    public static void warn(String message) {
        print(WARN, message);
    }

    public static void info(String message) {
        print(INFO, message);
    }

    public static void debug(String message) {
        print(DEBUG, message);
    }

    private static void print(int at, String message) {
        if (level < at) {
            return;
        }
        PrintStream err = System.err;
        err.println(message.startsWith("rebound") ? message : "rebound: " + message);
    }
}
