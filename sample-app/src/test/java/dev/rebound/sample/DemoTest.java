package dev.rebound.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void tabulatesSuccessesAndWireAttemptsPerClient() {
        AppRun run = AppRun.of("--demo", "--calls", "40", "--fail-rate", "0.4", "--seed", "5");

        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.get(0).startsWith("Demo: 40 GET calls per client"), run.out.get(0));
        int header = run.out.indexOf(String.format("%-14s | %5s | %21s | %13s",
                "client", "calls", "app-visible successes", "wire attempts"));
        assertTrue(header > 0, run.out.toString());
        List<ClientKind> clients = ClientKind.demoClients();
        assertEquals(List.of(ClientKind.URL_CONNECTION, ClientKind.JDK, ClientKind.JDK_ASYNC, ClientKind.APACHE4,
                ClientKind.APACHE5, ClientKind.APACHE4_ASYNC, ClientKind.APACHE5_ASYNC, ClientKind.OKHTTP,
                ClientKind.OKHTTP_ASYNC), clients);
        for (int row = 0; row < clients.size(); row++) {
            String client = clients.get(row).cliName();
            String[] cells = run.out.get(header + 1 + row).split("\\|");
            int expectedSuccesses = 0;
            for (int i = 0; i < 40; i++) {
                expectedSuccesses += FlakyUpstream.failsAt(5, 0.4, "/demo/" + client, i) ? 0 : 1;
            }
            assertEquals(client, cells[0].strip());
            assertEquals("40", cells[1].strip());
            assertEquals(String.valueOf(expectedSuccesses), cells[2].strip());
            assertEquals("40", cells[3].strip());
        }
        assertEquals(Demo.HINT, run.out.get(run.out.size() - 1));
        assertEquals(header + clients.size() + 2, run.out.size());
    }

    @Test
    void rejectsCallOptions() {
        AppRun run = AppRun.of("--demo", "--client", "jdk");

        assertEquals(2, run.exitCode);
        assertTrue(run.err.startsWith("error: --client cannot be used with --demo"), run.err);
    }
}
