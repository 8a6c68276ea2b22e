package dev.rebound.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for 127.0.0.1, made once per test run with the build JDK's
 * keytool, plus a trust store holding only that certificate for the child JVMs.
 */
public final class TestCerts {

    public static final String PASSWORD = "rebound-it";
    private static final String ALIAS = "rebound-it";
    private static TestCerts instance;

    private final Path keyStore;
    private final Path trustStore;

    private TestCerts(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    public static synchronized TestCerts get() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    /** PKCS12 key store with the server's key and certificate. */
    public Path keyStore() {
        return keyStore;
    }

    /** PKCS12 trust store with the server certificate as its only trusted entry. */
    public Path trustStore() {
        return trustStore;
    }

    /** Makes a child JVM trust the test server (and nothing else). */
    public ChildJvm trustedBy(ChildJvm child) {
        return child.sysProp("javax.net.ssl.trustStore", trustStore.toString())
                .sysProp("javax.net.ssl.trustStorePassword", PASSWORD)
                .sysProp("javax.net.ssl.trustStoreType", "PKCS12");
    }

    private static TestCerts create() {
        try {
            Path dir = Files.createTempDirectory("rebound-it-certs-");
            dir.toFile().deleteOnExit();
            Path ks = dir.resolve("server.p12");
            Path ts = dir.resolve("trust.p12");
            generateKeyPair(ks);
            writeTrustStore(ks, ts);
            ks.toFile().deleteOnExit();
            ts.toFile().deleteOnExit();
            return new TestCerts(ks, ts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not build the test trust store", e);
        }
    }

    private static void generateKeyPair(Path ks) throws IOException {
        List<String> cmd = List.of(Jdks.build().tool("keytool").toString(), "-genkeypair",
                "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.toHandle().destroyForcibly();
                throw new IllegalStateException("keytool did not finish within 30 s");
            }
            String output = new String(p.getInputStream().readAllBytes());
            if (p.exitValue() != 0 || !Files.isRegularFile(ks)) {
                throw new IllegalStateException("keytool failed (" + p.exitValue() + "): " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }

    private static void writeTrustStore(Path ks, Path ts) throws IOException, GeneralSecurityException {
        KeyStore source = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            source.load(in, PASSWORD.toCharArray());
        }
        Certificate cert = source.getCertificate(ALIAS);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, cert);
        try (OutputStream out = Files.newOutputStream(ts)) {
            trust.store(out, PASSWORD.toCharArray());
        }
    }
}
