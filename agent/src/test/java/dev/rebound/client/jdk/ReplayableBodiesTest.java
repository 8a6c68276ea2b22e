package dev.rebound.client.jdk;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Flow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table is keyed by the running JDK's class names: this test fails if a JDK renames them. */
class ReplayableBodiesTest {
    private static final URI URI_ = URI.create("http://api.test/x");

    @Test
    void theJdksRepeatablePublishersAreReplayable() throws Exception {
        Path file = Files.createTempFile("rebound", ".body");
        try {
            for (BodyPublisher p : List.of(BodyPublishers.noBody(), BodyPublishers.ofString("s"),
                    BodyPublishers.ofByteArray(new byte[] {1}), BodyPublishers.ofByteArray(new byte[] {1, 2}, 1, 1),
                    BodyPublishers.ofByteArrays(List.of(new byte[] {1})), BodyPublishers.ofFile(file),
                    BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[] {1})))) {
                assertTrue(ReplayableBodies.isReplayable(put(p)), p.getClass().getName());
            }
        } finally {
            Files.delete(file);
        }
        assertTrue(ReplayableBodies.isReplayable(HttpRequest.newBuilder(URI_).GET().build()));
    }

    @Test
    void anythingElseIsNot() {
        Flow.Publisher<ByteBuffer> source = BodyPublishers.ofString("x");
        BodyPublisher own = new BodyPublisher() {
            @Override
            public long contentLength() {
                return 1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                source.subscribe(subscriber);
            }
        };
        for (BodyPublisher p : List.of(BodyPublishers.fromPublisher(source), BodyPublishers.fromPublisher(source, 1),
                BodyPublishers.concat(BodyPublishers.ofString("a"), BodyPublishers.ofString("b")), own)) {
            assertFalse(ReplayableBodies.isReplayable(put(p)), p.getClass().getName());
        }
    }

    private static HttpRequest put(BodyPublisher p) {
        return HttpRequest.newBuilder(URI_).PUT(p).build();
    }
}
