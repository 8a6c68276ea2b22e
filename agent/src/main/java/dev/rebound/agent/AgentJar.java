package dev.rebound.agent;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The agent jar: start-up defines the classes every app needs from it, and each client's classes are defined
 * from it later, when the client's first target class loads.
 *
 * <p>Read with a small reader of its own (the central directory once, then the chosen entries by their
 * offsets, in 64 KiB windows, each inflated into an array of its exact size) rather than {@link JarFile}: at
 * start-up, on a cold JVM, a {@code JarFile} walk of the ~300 entries and a stream per chosen class took
 * ~15 ms of premain; this takes a few. A jar it cannot read (zip64, a method other than stored or deflated)
 * is read with {@code JarFile}.
 */
final class AgentJar {
    private static AgentJar shared;

    /** Null when the agent's classes are a directory (its own unit tests). */
    private final File jarFile;
    private final File directory;
    /** The central directory, read once: entry names and where each entry's data is. */
    private Index index;

    private AgentJar(File jarFile, File directory) {
        this.jarFile = jarFile;
        this.directory = directory;
    }

    /** The jar this class came from. */
    static synchronized AgentJar open() throws Exception {
        if (shared == null) {
            File file = new File(AgentJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            shared = file.isDirectory() ? new AgentJar(null, file) : new AgentJar(file, null);
        }
        return shared;
    }

    /** For the fallback of appending the jar to the bootstrap class path. */
    JarFile file() throws IOException {
        return new JarFile(jarFile);
    }

    /** The class files the filter accepts, names and bytes, in jar order. */
    synchronized Classes classes(EntryFilter filter) throws IOException {
        Classes found = new Classes();
        if (jarFile == null) {
            addFromDirectory(directory, "", filter, found);
            return found;
        }
        try {
            if (index == null) {
                index = Index.read(jarFile);
            }
            index.addClasses(jarFile, filter, found);
            return found;
        } catch (IOException e) {
            return classesByJarFile(filter); // not a jar this reader knows: the JDK's reader then
        } catch (DataFormatException e) {
            return classesByJarFile(filter);
        }
    }

    private Classes classesByJarFile(EntryFilter filter) throws IOException {
        Classes found = new Classes();
        JarFile jar = new JarFile(jarFile);
        try {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (name.endsWith(".class") && filter.accepts(name)) {
                    found.names.add(className(name));
                    found.bytes.add(read(jar, entry));
                }
            }
        } finally {
            jar.close();
        }
        return found;
    }

    /**
     * The jar's central directory: for each entry its name, method, sizes and the offset of its local header.
     * Plain zip only (what the build writes); anything else is an {@link IOException}.
     */
    static final class Index {
        private static final int END_SIGNATURE = 0x06054b50;
        private static final int CENTRAL_SIGNATURE = 0x02014b50;
        private static final int LOCAL_SIGNATURE = 0x04034b50;
        private static final int STORED = 0;
        private static final int DEFLATED = 8;

        final String[] names;
        final int[] methods;
        final int[] compressedSizes;
        final int[] sizes;
        final long[] localOffsets;

        private Index(int count) {
            names = new String[count];
            methods = new int[count];
            compressedSizes = new int[count];
            sizes = new int[count];
            localOffsets = new long[count];
        }

        static Index read(File file) throws IOException {
            RandomAccessFile in = new RandomAccessFile(file, "r");
            try {
                long length = in.length();
                // The end record is the last 22 bytes, followed by a comment of up to 64 KiB.
                int tail = (int) Math.min(length, 22 + 0xFFFF);
                byte[] end = new byte[tail];
                in.seek(length - tail);
                in.readFully(end);
                int at = tail - 22;
                while (at >= 0 && int32(end, at) != END_SIGNATURE) {
                    at--;
                }
                if (at < 0) {
                    throw new IOException("no end of central directory");
                }
                int count = int16(end, at + 10);
                long directorySize = int32(end, at + 12) & 0xFFFFFFFFL;
                long directoryOffset = int32(end, at + 16) & 0xFFFFFFFFL;
                if (count == 0xFFFF || directoryOffset == 0xFFFFFFFFL || directoryOffset + directorySize > length) {
                    throw new IOException("zip64 or damaged central directory");
                }
                byte[] directory = new byte[(int) directorySize];
                in.seek(directoryOffset);
                in.readFully(directory);
                Index index = new Index(count);
                int p = 0;
                for (int i = 0; i < count; i++) {
                    if (p + 46 > directory.length || int32(directory, p) != CENTRAL_SIGNATURE) {
                        throw new IOException("damaged central directory");
                    }
                    int nameLength = int16(directory, p + 28);
                    index.methods[i] = int16(directory, p + 10);
                    index.compressedSizes[i] = int32(directory, p + 20);
                    index.sizes[i] = int32(directory, p + 24);
                    index.localOffsets[i] = int32(directory, p + 42) & 0xFFFFFFFFL;
                    index.names[i] = new String(directory, p + 46, nameLength, StandardCharsets.UTF_8);
                    if (index.compressedSizes[i] < 0 || index.sizes[i] < 0 || index.localOffsets[i] == 0xFFFFFFFFL) {
                        throw new IOException("zip64 entry " + index.names[i]);
                    }
                    p += 46 + nameLength + int16(directory, p + 30) + int16(directory, p + 32);
                }
                return index;
            } finally {
                in.close();
            }
        }

        void addClasses(File file, EntryFilter filter, Classes found) throws IOException, DataFormatException {
            Window in = null;
            Inflater inflater = null;
            try {
                for (int i = 0; i < names.length; i++) {
                    String name = names[i];
                    if (!name.endsWith(".class") || !filter.accepts(name)) {
                        continue;
                    }
                    if (in == null) {
                        in = new Window(file);
                    }
                    int header = in.at(localOffsets[i], 30);
                    if (int32(in.bytes, header) != LOCAL_SIGNATURE) {
                        throw new IOException("damaged entry " + name);
                    }
                    long dataOffset = localOffsets[i] + 30 + int16(in.bytes, header + 26) + int16(in.bytes, header + 28);
                    int data = in.at(dataOffset, compressedSizes[i]);
                    byte[] bytes = new byte[sizes[i]];
                    if (methods[i] == STORED && compressedSizes[i] == sizes[i]) {
                        System.arraycopy(in.bytes, data, bytes, 0, bytes.length);
                    } else if (methods[i] == DEFLATED) {
                        if (inflater == null) {
                            inflater = new Inflater(true);
                        } else {
                            inflater.reset();
                        }
                        inflate(inflater, in.bytes, data, compressedSizes[i], bytes, name);
                    } else {
                        throw new IOException(name + ": compression method " + methods[i]);
                    }
                    found.names.add(className(name));
                    found.bytes.add(bytes);
                }
            } finally {
                if (inflater != null) {
                    inflater.end();
                }
                if (in != null) {
                    in.close();
                }
            }
        }

        private static void inflate(Inflater inflater, byte[] in, int offset, int length, byte[] out, String name)
                throws IOException, DataFormatException {
            inflater.setInput(in, offset, length);
            boolean padded = false;
            int n = 0;
            while (n < out.length) {
                int r = inflater.inflate(out, n, out.length - n);
                if (r == 0) {
                    if (inflater.needsInput() && !padded) {
                        // Raw inflate may want one byte past the data, as the JDK's own zip reader gives it.
                        inflater.setInput(new byte[1], 0, 1);
                        padded = true;
                    } else if (inflater.finished() || inflater.needsInput() || inflater.needsDictionary()) {
                        break;
                    }
                }
                n += r;
            }
            if (n != out.length) {
                throw new IOException(name + ": " + out.length + " bytes recorded, " + n + " inflated");
            }
        }

        /**
         * The jar read in windows of 64 KiB: the chosen entries lie mostly side by side, so a few reads fetch
         * them all, where a read per entry cost four native calls each.
         */
        private static final class Window {
            private final RandomAccessFile file;
            byte[] bytes = new byte[64 * 1024];
            private long start = -1;
            private int length;

            Window(File jar) throws IOException {
                file = new RandomAccessFile(jar, "r");
            }

            /** Brings {@code [offset, offset + count)} into {@link #bytes}; returns where it starts there. */
            int at(long offset, int count) throws IOException {
                if (start < 0 || offset < start || offset + count > start + length) {
                    if (count > bytes.length) {
                        bytes = new byte[count];
                    }
                    file.seek(offset);
                    int n = 0;
                    for (int r; n < bytes.length && (r = file.read(bytes, n, bytes.length - n)) > 0; ) {
                        n += r;
                    }
                    if (n < count) {
                        throw new IOException("the jar ends inside an entry");
                    }
                    start = offset;
                    length = n;
                }
                return (int) (offset - start);
            }

            void close() throws IOException {
                file.close();
            }
        }

        private static int int16(byte[] b, int at) {
            return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
        }

        private static int int32(byte[] b, int at) {
            return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
        }
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

    private static byte[] read(JarFile jar, JarEntry entry) throws IOException {
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
