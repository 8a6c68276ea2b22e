package dev.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientTest {

    @Test
    void aLabelIsOneClientWithAStableIndex() {
        Client a = Client.named("client-test-a");
        Client b = Client.named("client-test-b");
        assertSame(a, Client.named(new String("client-test-a".toCharArray())));
        assertNotEquals(a.index(), b.index());
        assertSame(a, Client.byIndex(a.index()));
        assertSame(b, Client.byIndex(b.index()));
        assertEquals("client-test-a", a.label());
        assertNull(Client.byIndex(Client.MAX));
        assertNull(Client.byIndex(-1));
    }

    @Test
    void refusesAMissingLabel() {
        assertThrows(IllegalArgumentException.class, () -> Client.named(null));
        assertThrows(IllegalArgumentException.class, () -> Client.named(""));
    }

    @Test
    void threadsNamingTheSameLabelAtOnceGetOneClient() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Client>> made = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                made.add(pool.submit(() -> {
                    start.await();
                    return Client.named("client-test-race");
                }));
            }
            start.countDown();
            Client first = made.get(0).get(10, TimeUnit.SECONDS);
            for (Future<Client> f : made) {
                assertSame(first, f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
