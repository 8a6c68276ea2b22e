package dev.rebound.it.apps;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test app with its own, unrelocated Byte Buddy (another version than the agent's) and
 * slf4j-simple: generates a class, logs a line, then makes one HttpURLConnection GET to {@code args[0]}.
 */
public final class CoexistenceApp {

    private CoexistenceApp() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> generated = new ByteBuddy(ClassFileVersion.JAVA_V8)
                .subclass(Object.class)
                .name("dev.rebound.it.apps.GeneratedByApp")
                .method(ElementMatchers.named("toString"))
                .intercept(FixedValue.value("made-by-app-bytebuddy"))
                .make()
                .load(CoexistenceApp.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded();
        System.out.println("generated=" + generated.getDeclaredConstructor().newInstance());
        System.out.println("bytebuddy=" + ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation());
        Logger log = LoggerFactory.getLogger(CoexistenceApp.class);
        log.info("coexistence app logging through slf4j-simple");
        String line = UrlCall.get(1, args[0], 5_000);
        System.out.println(line);
        boolean ok = line.contains(" status=");
        System.out.println("done calls=1 ok=" + (ok ? 1 : 0) + " errors=" + (ok ? 0 : 1));
    }
}
