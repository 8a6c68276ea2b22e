package dev.rebound.agent;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The agent jar, opened once and kept open: start-up defines the classes every app needs from it, and each
 * client's classes are defined from it later, when the client's first target class loads.
 */
final class AgentJar {
    private static AgentJar shared;

    /** Null when the agent's classes are a directory (its own unit tests). */
    private final JarFile jar;
    private final File directory;

    private AgentJar(JarFile jar, File directory) {
        this.jar = jar;
        this.directory = directory;
    }

    /** The jar this class came from. */
    static synchronized AgentJar open() throws Exception {
        if (shared == null) {
            File file = new File(AgentJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            shared = file.isDirectory() ? new AgentJar(null, file) : new AgentJar(new JarFile(file), null);
        }
        return shared;
    }

    JarFile file() {
        return jar;
    }

    /** The class files the filter accepts, names and bytes, in jar order. */
    Classes classes(EntryFilter filter) throws IOException {
        Classes found = new Classes();
        if (jar == null) {
            addFromDirectory(directory, "", filter, found);
            return found;
        }
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            String name = entry.getName();
            if (name.endsWith(".class") && filter.accepts(name)) {
                found.names.add(className(name));
                found.bytes.add(read(entry));
            }
        }
        return found;
    }

    private static void addFromDirectory(File dir, String prefix, EntryFilter filter, Classes found) throws IOException {
        File[] files = dir.listFiles();
        if (files == null) {
            return;
        }
        for (File f : files) {
            String name = prefix + f.getName();
            if (f.isDirectory()) {
                addFromDirectory(f, name + "/", filter, found);
            } else if (name.endsWith(".class") && filter.accepts(name)) {
                found.names.add(className(name));
                found.bytes.add(java.nio.file.Files.readAllBytes(f.toPath()));
            }
        }
    }

    /** Chooses class-file entries by their internal name ({@code a/b/C.class}). */
    interface EntryFilter {
        boolean accepts(String entryName);
    }

    /** Class names with their bytes, side by side. */
    static final class Classes {
        final List<String> names = new ArrayList<String>();
        final List<byte[]> bytes = new ArrayList<byte[]>();

        boolean isEmpty() {
            return names.isEmpty();
        }
    }

    static String className(String entryName) {
        return entryName.substring(0, entryName.length() - 6).replace('/', '.');
    }

    byte[] read(JarEntry entry) throws IOException {
        InputStream in = jar.getInputStream(entry);
        try {
            long size = entry.getSize();
            if (size >= 0 && size < Integer.MAX_VALUE) {
                // The jar records each size: read straight into the result, no buffer and no copy at start-up.
                byte[] bytes = new byte[(int) size];
                int n = 0;
                for (int r; n < bytes.length && (r = in.read(bytes, n, bytes.length - n)) > 0; ) {
                    n += r;
                }
                if (n == bytes.length && in.read() < 0) {
                    return bytes;
                }
                throw new IOException(entry.getName() + ": " + size + " bytes recorded, a different length read");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            in.close();
        }
    }
}
