package dev.rebound.it;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link Scenario} plans with: paths of its own on the upstream, and runs of the sample app in
 * one {@link Batch}, each with {@code --client} and the suites' call timeout unless it sets its own.
 */
final class Stage {

    private final Upstreams upstream;
    private final Batch batch;
    private final ClientKind client;
    private final boolean agent;

    Stage(Upstreams upstream, ClientKind client, boolean agent) {
        this(upstream, client, agent, client.appClassPath());
    }

    /** A stage whose child runs {@code appClassPath} (the sample app and what goes ahead of it). */
    Stage(Upstreams upstream, ClientKind client, boolean agent, List<java.nio.file.Path> appClassPath) {
        this.upstream = upstream;
        this.client = client;
        this.agent = agent;
        this.batch = new Batch(appClassPath);
    }

    ClientKind client() {
        return client;
    }

    /** Whether the batch's JVM runs with the agent. */
    boolean agent() {
        return agent;
    }

    Upstreams upstream() {
        return upstream;
    }

    Batch batch() {
        return batch;
    }

    /** A text no other scenario uses, so that journals and digests cannot mix. */
    String unique(String prefix) {
        return UpstreamTest.unique(prefix);
    }

    /** A path of its own on the upstream. */
    String path(String prefix) {
        return "/" + unique(prefix);
    }

    /** Plans a call with this stage's client to {@code path} on the upstream's plain-http port. */
    Batch.Run get(String path, String... options) {
        return run(upstream.url(path), options);
    }

    /** Plans a call with this stage's client to {@code url}. */
    Batch.Run run(String url, String... options) {
        return runWith(client, url, options);
    }

    /** Plans a call with another client. */
    Batch.Run runWith(ClientKind with, String url, String... options) {
        List<String> args = new ArrayList<>(List.of("--client", with.name()));
        if (!List.of(options).contains("--timeout-ms")) {
            args.addAll(List.of("--timeout-ms", UpstreamTest.CALL_TIMEOUT_MS));
        }
        args.addAll(List.of(options));
        args.add(url);
        return batch.add(args);
    }
}
