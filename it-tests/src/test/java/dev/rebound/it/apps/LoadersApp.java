package dev.rebound.it.apps;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;

/**
 * Test app, like a server running two web apps: {@code <client> (<classpath> <url>)...} runs the sample
 * app once per pair, each in a class loader of its own (parent: the platform loader) built from that
 * class path, so that each copy uses its own Apache HttpClient version. Prints each run's lines
 * prefixed with {@code loader<i> }.
 */
public final class LoadersApp {

    private LoadersApp() {
    }

    public static void main(String[] args) throws Exception {
        String client = args[0];
        for (int i = 1; i + 1 < args.length; i += 2) {
            String[] entries = args[i].split(File.pathSeparator);
            URL[] urls = new URL[entries.length];
            for (int e = 0; e < entries.length; e++) {
                urls[e] = new File(entries[e]).toURI().toURL();
            }
            int loader = (i + 1) / 2;
            try (URLClassLoader webApp = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
                Method run = webApp.loadClass("dev.rebound.sample.SampleApp")
                        .getDeclaredMethod("run", String[].class, PrintStream.class, PrintStream.class);
                run.setAccessible(true);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                run.invoke(null, new String[] {"--client", client, "--timeout-ms", "5000", args[i + 1]},
                        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
                out.toString(StandardCharsets.UTF_8).lines().forEach(line -> System.out.println("loader" + loader + " " + line));
            }
        }
        System.exit(0);
    }
}
