package dev.rebound.engine;

/**
 * A call from its start to the end of its first attempt: the step every adapter takes there, written once.
 * A first attempt that is no retry candidate is the whole call, accounted for here without allocating;
 * one that is opens the call's {@link RetryCall}, which judges it and every later attempt.
 *
 * <p>The adapter describes its request by implementing the abstract methods (an idempotency key, a
 * replayable body), asked only once a retry is in question. A synchronous client keeps one instance per
 * thread and reuses it for each call ({@link #start} to {@link #forget}); the asynchronous one makes one
 * per call. Not thread-safe: an instance is used by one thread at a time, or handed over with the call.
 */
public abstract class CallStart {
    private RetryEngine engine;
    /** The policy the call was given at its start (its rule's, or the top-level one), kept for all its attempts. */
    private RetryPolicy policy;
    private Client client;
    private String host;
    private String method;
    private HostGuard guard;
    private long startNanos;

    /** A call to {@code authority} begins, its path unknown: only rules without a path can match it. */
    public final void start(RetryEngine engine, Client client, String authority, String method) {
        start(engine, client, authority, method, null, -1, null);
    }

    /**
     * A call to {@code authority} begins: before its first attempt is sent, so that its deadline counts from
     * here. Its policy is chosen now, once (allocation-free).
     *
     * @param hostName the host as the client has it, null when only the authority is known
     * @param port     the effective port
     * @param target   the request's path, or a URI or request target holding it (the path is found in place)
     */
    public final void start(RetryEngine engine, Client client, String authority, String method,
                            String hostName, int port, String target) {
        this.engine = engine;
        this.client = client;
        this.host = authority;
        this.method = method;
        this.policy = engine.policyFor(hostName, port, method, target);
        this.guard = engine.guard(authority, hostName, port);
        this.startNanos = engine.now();
    }

    /** Drops the call's references: the instance is free for the thread's next call. */
    protected final void forget() {
        engine = null;
        policy = null;
        client = null;
        host = null;
        method = null;
        guard = null;
    }

    /** True when the request carries this header; {@code name} is never empty. */
    protected abstract boolean hasHeader(String name);

    /** False when the request's body could not be sent a second time byte for byte. */
    protected abstract boolean bodyReplayable();

    /** The app's thread that made the call, whose stack may show an outer retrier; null when unknown. */
    protected Thread caller() {
        return Thread.currentThread();
    }

    /**
     * The frame the caller stays in while the call lasts when its attempts are judged on other threads
     * ({@code class#method}: only frames below it are looked at), or null when judged on the caller's thread.
     */
    protected String callerClass() {
        return null;
    }

    /** The method of {@link #callerClass()}. */
    protected String callerMethod() {
        return null;
    }

    /**
     * The first attempt ended with {@code status}, or at -1 with a failure of {@code kind} (null when
     * unclassified). Null when that attempt is not a retry candidate: it was the whole call, now accounted
     * for (allocation-free). Else the opened call, not yet told of this attempt: report it there.
     */
    protected final RetryCall firstAttemptEnded(int status, FailureKind kind) {
        if (!policy.isRetryable(status, kind)) {
            engine.firstAttemptEnded(client, host, method, guard, status >= 0);
            return null;
        }
        return engine.begin(policy, client, host, method, guard, hasIdempotencyKey(), bodyReplayable(), startNanos,
                caller(), callerClass(), callerMethod());
    }

    /**
     * The call ended before its first attempt was judged (cancelled, interrupted): no answer from the host,
     * counted {@code failed}.
     */
    protected final void endedUnjudged() {
        engine.firstAttemptFailed(client, host, method, guard);
    }

    /**
     * Would rebound re-send this call after a reset? Then the client's own hidden re-send must stay off, so
     * that wire attempts never exceed {@code max-attempts}.
     */
    public final boolean resendsResets() {
        return policy.resendsResets() && bodyReplayable()
                && policy.methodAllowsRetry(method, hasIdempotencyKey());
    }

    /**
     * The hard bound on attempts, whatever the engine was told: true while one more keeps a call that put
     * {@code sent} attempts on the wire within {@code max-attempts}. Time needs no second check: the engine
     * measures each call's age from its own start, which no report can move.
     */
    public final boolean mayResend(int sent) {
        return sent < policy.maxAttempts();
    }

    private boolean hasIdempotencyKey() {
        String header = policy.idempotencyHeader();
        return !header.isEmpty() && hasHeader(header);
    }
}
