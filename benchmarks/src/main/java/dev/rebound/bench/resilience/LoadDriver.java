package dev.rebound.bench.resilience;

import dev.rebound.bench.common.Args;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The app under test, run in a child JVM per (scenario, client, policy): open-loop load (call i starts at
 * i / rate seconds whatever earlier calls are doing, each on its own thread, as request threads of a
 * server would), each call wrapped in the policy's retry code. Writes one {@link CallRecord} per call.
 */
public final class LoadDriver {
    private static final int WARMUP_CALLS = 30;

    private LoadDriver() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        AppClient client = AppClients.byName(args.required("client"));
        Policy policy = Policy.byLabel(args.required("policy"));
        URI base = URI.create(args.required("url"));
        String method = args.get("method", "GET");
        LoadProfile profile = LoadProfile.parse(args.get("profile", "50:2"));
        int fleetIndex = args.getInt("fleet-index", -1);
        double naiveScale = args.getDouble("naive-wait-scale", 1.0);
        long maxWaitSeconds = args.getInt("max-wait-seconds", 120);
        Path out = Path.of(args.required("out"));
        args.rejectUnknown();

        AppRetry retry = policy.appRetry(naiveScale);
        for (int i = 0; i < WARMUP_CALLS; i++) {
            client.send("GET", base.resolve("/warmup"), -1, null);
        }
        long t0;
        if (fleetIndex < 0) {
            client.send("GET", base.resolve("/start"), -1, null);
            t0 = System.nanoTime();
        } else {
            t0 = awaitFleetStart(base);
        }
        long[] starts = profile.startTimes();
        int calls = starts.length;
        // Each JVM of a fleet numbers its calls apart, so the upstream counts attempts per call correctly.
        long idBase = fleetIndex < 0 ? 0 : fleetIndex * 10_000_000L;

        List<CallRecord> records = Collections.synchronizedList(new ArrayList<>(calls));
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "app-call");
            t.setDaemon(true);
            return t;
        });
        URI work = base.resolve("/work");
        for (int i = 0; i < calls; i++) {
            long due = t0 + starts[i];
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            long id = idBase + i;
            pool.execute(() -> records.add(oneCall(client, retry, method, work, id, t0)));
        }
        pool.shutdown();
        boolean finished = pool.awaitTermination(maxWaitSeconds, TimeUnit.SECONDS);
        CallRecord.write(out, new ArrayList<>(records));
        System.out.println("driver: " + records.size() + "/" + calls + " calls recorded"
                + (finished ? "" : " (gave up waiting for the rest)"));
        System.exit(finished ? 0 : 3);
    }

    /** Joins the fleet, then asks every 50 ms until every JVM has joined; returns the common start in nanoTime. */
    private static long awaitFleetStart(URI base) throws IOException, InterruptedException {
        String reply = fetch(base.resolve("/fleet?join"));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (Long.parseLong(reply) < 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the fleet never assembled");
            }
            Thread.sleep(50);
            reply = fetch(base.resolve("/fleet?ask"));
        }
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(reply));
    }

    private static String fetch(URI uri) throws IOException {
        try (InputStream in = uri.toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
    }

    private static CallRecord oneCall(AppClient client, AppRetry retry, String method, URI uri, long id, long t0) {
        byte[] body = "POST".equals(method) ? ("{\"op\":" + id + "}").getBytes(StandardCharsets.US_ASCII) : null;
        long start = System.nanoTime() - t0;
        int status;
        boolean ok;
        try {
            status = retry.call(() -> {
                int s = client.send(method, uri, id, body);
                if (s < 200 || s > 299) {
                    throw new HttpStatusException(s);
                }
                return s;
            });
            ok = true;
        } catch (HttpStatusException e) {
            status = e.status;
            ok = false;
        } catch (IOException e) {
            status = -1;
            ok = false;
        } catch (Exception e) {
            status = e.getCause() instanceof HttpStatusException h ? h.status : -1;
            ok = false;
        }
        return new CallRecord(id, start, System.nanoTime() - t0, status, ok);
    }
}
