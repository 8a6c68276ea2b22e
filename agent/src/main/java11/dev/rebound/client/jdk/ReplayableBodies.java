package dev.rebound.client.jdk;

import java.net.http.HttpRequest;
import java.util.Optional;

/**
 * Which request bodies can be sent again byte for byte. Only the JDK's own publishers are judged, by
 * class name (their classes are internal): each subscription starts over from the same source. Anything
 * else, an app's own publisher or {@code fromPublisher}, may be a one-shot stream and is never re-sent.
 */
final class ReplayableBodies {
    private static final String PREFIX = "jdk.internal.net.http.RequestPublishers$";

    private ReplayableBodies() {
    }

    static boolean isReplayable(HttpRequest request) {
        Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
        return publisher.isEmpty() || isReplayable(publisher.get().getClass().getName());
    }

    static boolean isReplayable(String publisherClass) {
        if (!publisherClass.startsWith(PREFIX)) {
            return false;
        }
        switch (publisherClass.substring(PREFIX.length())) {
            case "EmptyPublisher":       // noBody()
            case "ByteArrayPublisher":   // ofByteArray(...)
            case "StringPublisher":      // ofString(...)
            case "IterablePublisher":    // ofByteArrays(iterable): iterates again
            case "FilePublisher":        // ofFile(path): opens the file again
            case "InputStreamPublisher": // ofInputStream(supplier): the JDK asks the supplier again, as documented
                return true;
            default:                     // PublisherAdapter (fromPublisher), AggregatePublisher (concat)
                return false;
        }
    }
}
