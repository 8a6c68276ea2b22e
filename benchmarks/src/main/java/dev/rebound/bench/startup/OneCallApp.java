package dev.rebound.bench.startup;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/** The trivial app whose whole-process start-up is measured: one GET, print the status, exit. */
public final class OneCallApp {
    private OneCallApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(args[0]).openConnection();
        int status = c.getResponseCode();
        try (InputStream in = c.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        System.out.println(status);
    }
}
