package dev.rebound.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.it.Artifacts;
import dev.rebound.it.ChildJvm;
import dev.rebound.it.ChildResult;
import dev.rebound.it.FreePorts;
import dev.rebound.it.PromText;
import java.io.PrintStream;
import java.lang.reflect.Method;

/**
 * Test app: {@code <metricsPort> <client> <url>...} runs the sample app once per URL in this JVM (so
 * that the agent's endpoint is still up afterwards), then prints the agent's Prometheus exposition
 * between {@code metrics-begin} and {@code metrics-end}. Runs with the sample app's jar on its class path.
 */
public final class SampleAppProbe {

    private SampleAppProbe() {
    }

    public static void main(String[] args) throws Exception {
        int metricsPort = Integer.parseInt(args[0]);
        // SampleApp.run is package-private; its main would exit the JVM before the scrape.
        Method run = Class.forName("dev.rebound.sample.SampleApp")
                .getDeclaredMethod("run", String[].class, PrintStream.class, PrintStream.class);
        run.setAccessible(true);
        for (int i = 2; i < args.length; i++) {
            String[] appArgs = {"--client", args[1], "--timeout-ms", "5000", args[i]};
            run.invoke(null, appArgs, System.out, System.err);
        }
        System.out.println("metrics-begin");
        System.out.print(MetricsProbeApp.scrape(metricsPort));
        System.out.println("metrics-end");
        System.exit(0);
    }

    /** Runs one sample-app call per URL with {@code client} in {@code jvm}, then parses its metrics. */
    public static PromText scrape(ChildJvm jvm, String client, String... urls) {
        int metricsPort = FreePorts.free();
        ChildResult result = jvm.rebound("metrics.prometheus.port", Integer.toString(metricsPort))
                .testApp(SampleAppProbe.class, Artifacts.sampleAppJar())
                .args(Integer.toString(metricsPort), client)
                .args(urls)
                .run();
        assertEquals(0, result.exitCode(), () -> "probe exit code\n" + result.describe());
        String out = result.stdout();
        int begin = out.indexOf("metrics-begin\n");
        int end = out.indexOf("metrics-end");
        assertTrue(begin >= 0 && end > begin, () -> "probe printed no metrics\n" + result.describe());
        return PromText.parse(out.substring(begin + "metrics-begin\n".length(), end));
    }
}
