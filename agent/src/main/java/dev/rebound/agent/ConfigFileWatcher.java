package dev.rebound.agent;

import dev.rebound.log.Log;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Watches the file named by {@code config-file} by polling: one daemon thread, started only when a file is
 * configured. A change is taken up once two polls in a row read the same new content, so that a file caught
 * half-written (an editor that truncates, then writes) is never applied; within about a second of the write.
 * Polling, not a {@code WatchService}: that misses changes on network and some container filesystems, and
 * watches a directory entry that an editor's save-by-rename replaces. The content is compared whole (a
 * settings file is small, and at most 1 MiB is read): a timestamp is too coarse on some filesystems.
 */
final class ConfigFileWatcher implements Runnable {
    static final long POLL_MILLIS = 500;
    static final String THREAD_NAME = "rebound-config-watch";
    /** The config reader's own limit: a larger file is one state, "too large", whatever it holds. */
    private static final long MAX_BYTES = 1024L * 1024L;

    private final File file;
    private final LiveConfig live;
    private volatile boolean stopped;
    private Thread thread;

    private ConfigFileWatcher(String path, LiveConfig live) {
        this.file = new File(path);
        this.live = live;
    }

    /** Starts watching {@code path} for {@code live}. */
    static ConfigFileWatcher start(String path, LiveConfig live) {
        ConfigFileWatcher watcher = new ConfigFileWatcher(path, live);
        Thread t = new Thread(watcher, THREAD_NAME);
        t.setDaemon(true);
        watcher.thread = t;
        t.start();
        return watcher;
    }

    /** Ends the thread (detach); a change it is applying completes. */
    void stop() {
        stopped = true;
        thread.interrupt();
    }

    @Override
    public void run() {
        // Unknown: start-up read the file before this thread's first look, and it may have changed since.
        // The first two agreeing reads are checked (silent when nothing changed), half-written ones never.
        Object applied = new Object();
        Object previous = state();
        while (!stopped) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            Object now = state();
            if (!same(now, applied) && same(now, previous)) {
                applied = now;
                check(now);
            }
            previous = now;
        }
    }

    /** Applies {@code content}, the state two reads agreed on: its bytes, not a third read of the file. */
    private void check(Object content) {
        try {
            live.fileChanged(content instanceof byte[] ? (byte[]) content : null);
        } catch (Throwable t) {
            // Fails open: the configuration in force stays, the watcher goes on.
            Log.error("rebound: config file change not applied: internal error (" + t + ")");
        }
    }

    /** The file's content, or a text saying why there is none to read. */
    private Object state() {
        try {
            if (!file.isFile()) {
                return file.exists() ? "not a regular file" : "not found";
            }
            long length = file.length();
            if (length > MAX_BYTES) {
                return "too large " + length + " " + file.lastModified();
            }
            InputStream in = new FileInputStream(file);
            try {
                byte[] buffer = new byte[(int) Math.max(length + 1, 256)];
                int filled = 0;
                for (int n; (n = in.read(buffer, filled, buffer.length - filled)) > 0; ) {
                    filled += n;
                    if (filled == buffer.length) {
                        if (filled > MAX_BYTES) {
                            return "too large " + filled + " " + file.lastModified();
                        }
                        buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_BYTES + 1, buffer.length * 2L));
                    }
                }
                return Arrays.copyOf(buffer, filled);
            } finally {
                in.close();
            }
        } catch (IOException e) {
            return "unreadable " + e.getMessage();
        } catch (SecurityException e) {
            return "access denied";
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        return a.equals(b);
    }
}
