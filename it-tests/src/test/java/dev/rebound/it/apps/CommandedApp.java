package dev.rebound.it.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Test app driven line by line on stdin, for tests that act on a running app from outside: {@code call <url>}
 * makes one GET with HttpURLConnection (5 s timeouts) and prints {@code status <code>} or
 * {@code error <exception>}; {@code quit} ends it. Prints {@code ready} first. Ends by itself after two minutes.
 */
public final class CommandedApp {

    private CommandedApp() {
    }

    public static void main(String[] args) throws Exception {
        Watchdog.exitAfter(120_000);
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("quit")) {
                break;
            }
            if (line.startsWith("call ")) {
                System.out.println(call(line.substring(5)));
            } else {
                System.out.println("unknown " + line);
            }
            System.out.flush();
        }
    }

    private static String call(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(5000);
            int status = c.getResponseCode();
            InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream();
            if (body != null) {
                body.readAllBytes();
                body.close();
            }
            return "status " + status;
        } catch (IOException | RuntimeException e) {
            return "error " + e;
        }
    }
}
