package dev.rebound.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.config.ConfigKey;
import dev.rebound.config.ConfigLoader;
import dev.rebound.config.TestKeys;
import dev.rebound.config.ConfigProblem;
import dev.rebound.config.ReboundConfig;
import dev.rebound.engine.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the configuration lists (start-up line, {@code java -jar rebound-agent.jar}) must be what the engine
 * runs with: every value the configuration accepts, the policy builder accepts too. A value only the engine
 * refused used to be listed as given while the default was in force.
 */
class PoliciesAgreeWithConfigTest {

    private static RetryPolicy policy(ReboundConfig config) {
        List<String> refused = new ArrayList<>();
        RetryPolicy policy = Policies.from(config, refused).defaults();
        assertEquals(List.of(), refused, "the engine refused a value the configuration accepted");
        return policy;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "max-elapsed|0", "max-elapsed|0ms", "max-elapsed|1ms", "max-elapsed|0s",
            "backoff.initial|0", "backoff.max|0", "backoff.multiplier|1", "backoff.multiplier|1.0",
            "retry-after.max|0", "max-attempts|1", "max-attempts|10", "max-attempts|11",
            "retry-on|400,599,reset,timeout,connect-failure", "retry-on|''", "retry-on|200",
            "methods|POST", "methods|GET,PATCH", "methods|connect", "methods|''", "methods|get",
            "idempotency-header|''", "budget.ratio|0", "budget.ratio|10", "budget.min-per-second|0",
            "budget.burst|1", "circuit.failure-threshold|1", "circuit.probe-interval|1ms",
            "circuit.probe-interval|0"})
    void everyValueTheConfigurationKeepsTheEngineKeeps(String key, String value) {
        policy(ConfigLoader.load(TestKeys.KEYS, Map.of("rebound." + key, value), Map.of()));
    }

    @Test
    void zeroMaxElapsedIsRefusedByTheConfigurationSoTheListingShowsTheDefault() {
        ReboundConfig config = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.max-elapsed", "0"), Map.of());
        assertEquals(List.of("rebound: bad value for max-elapsed: '0' (below the minimum 1ms); using 10s"),
                config.problems().stream().map(ConfigProblem::message).toList());
        assertEquals("10s", config.valueText(ConfigKey.MAX_ELAPSED));
        assertEquals(10_000_000_000L, policy(config).maxElapsedNanos());
    }

    @Test
    void nonIdempotentMethodsAreDroppedByTheConfigurationAndTheRestKept() {
        ReboundConfig config = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.methods", "GET,POST,patch"), Map.of());
        assertEquals(List.of("rebound: bad value for methods: 'POST' (not idempotent: retried only with an "
                        + "idempotency key or after a connect failure), 'patch' (not idempotent: retried only with an "
                        + "idempotency key or after a connect failure); using GET"),
                config.problems().stream().map(ConfigProblem::message).toList());
        assertEquals("GET", config.valueText(ConfigKey.METHODS));
        RetryPolicy policy = policy(config);
        assertTrue(policy.methodAllowsRetry("GET", false));
        assertFalse(policy.methodAllowsRetry("HEAD", false), "the listed methods, not the default ones");
        assertFalse(policy.methodAllowsRetry("POST", false));
    }
}
