package dev.rebound.it;

import static dev.rebound.it.Upstreams.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classic retry bug: a retry that does not hand the failed attempt's connection back to the pool
 * starves it. With a pool of one connection every call must still get through, in bounded time: a
 * leaked connection would make the next call wait out its connection-request timeout and fail.
 */
class ApachePoolTest extends ApacheTest {

    private static final String FAIL_ONCE_CALLS = "100";
    private static final Duration CHILD_LIMIT = Duration.ofSeconds(90);

    @ParameterizedTest(name = "{0} {1} agent={2}")
    @MethodSource("jdkClientAgent")
    void aPoolOfOneSurvivesAHundredCallsThatEachFailOnceThenAHundredHealthyOnes(Jdk jdk, String client, boolean agent) {
        String path = "/" + unique("pool");
        String good = unique("fine");
        List<ResponseDefinitionBuilder> responses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            responses.add(status(502, "bad gateway " + i));
            responses.add(status(200, good));
        }
        responses.add(status(200, good)); // then healthy forever
        upstream.sequence(path, responses.toArray(new ResponseDefinitionBuilder[0]));

        ChildResult result = shortBackoff(apache(jdk, client, agent)).timeout(CHILD_LIMIT)
                .args("--count", "200", "--max-connections", "1", "--timeout-ms", "2000", upstream.url(path))
                .run();

        assertEquals(0, result.exitCode(), result::describe);
        AppOutput.Done done = result.app().done();
        if (agent) {
            assertEquals(new AppOutput.Done(200, 200, 0), done, result::describe);
            assertWireAttempts(300, path, result);
            assertTrue(result.app().calls().stream().allMatch(c -> Sha256.hex(good).equals(c.sha256())), result::describe);
        } else {
            // Alternating 502/200 without retries: half the calls see the 502, none fails for want of a connection.
            assertEquals(new AppOutput.Done(200, 100, 0), done, result::describe);
            assertWireAttempts(200, path, result);
        }
        assertTrue(result.elapsedMillis() < 60_000, () -> "bounded time\n" + result.describe());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdkClient")
    void errorBodiesTooLongToReadAreAbortedAndThePoolStillServes(Jdk jdk, String client) {
        String path = "/" + unique("pool-big");
        String good = unique("fine");
        byte[] page = new byte[200_000];
        List<ResponseDefinitionBuilder> responses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            responses.add(status(502, page));
            responses.add(status(200, good));
        }
        upstream.sequence(path, responses.toArray(new ResponseDefinitionBuilder[0]));

        ChildResult result = shortBackoff(apache(jdk, client, true)).timeout(CHILD_LIMIT)
                .args("--count", "10", "--max-connections", "1", "--timeout-ms", "2000", upstream.url(path))
                .run();

        assertEquals(new AppOutput.Done(10, 10, 0), result.app().done(), result::describe);
        assertWireAttempts(20, path, result);
    }

    /**
     * Backoff of a millisecond or so: these tests are about the pool, not the wait, and a hundred default
     * backoffs (100 ms doubling, full jitter) would add some five seconds. A connection must be back in the
     * pool all the sooner.
     */
    static ChildJvm shortBackoff(ChildJvm jvm) {
        return jvm.rebound("backoff.initial", "1ms").rebound("backoff.max", "5ms");
    }
}
