package dev.rebound.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rebound.engine.HostFilter;
import dev.rebound.engine.HostGlob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HostFilterTest {

    @ParameterizedTest
    @CsvSource({
        "*, example.com, 443, true",
        "*.example.com, api.example.com, 443, true",
        "*.example.com, example.com, 443, false",
        "*.example.com, API.Example.COM, 80, true",
        "api-?.example.com, api-1.example.com, 80, true",
        "api-?.example.com, api-12.example.com, 80, false",
        "db:5432, db, 5432, true",
        "db:5432, db, 5433, false",
        "db:5432, db, -1, false",
        "db:*, db, 1, true",
        "db:80*, db, 8080, true",
        "db:80*, db, 9080, false",
        "db:80?, db, 808, true",
        "db:80?, db, 80, false",
        "db:80?, db, -1, false",
        "[::1]:8080, [::1], 8080, true",
        "[::1]:8080, ::1, 8080, true",
        "[::1], ::1, 1, true",
        "[fe80::*], [FE80::1], 1, true",
        "10.0.*, 10.0.3.4, 1, true",
        "10.0.*, 10.1.3.4, 1, false",
        "a*b*c, axxbyyc, 1, true",
        "a*b*c, axxbyy, 1, false",
        "*b, aaab, 1, true",
        "*:1*, [::1], 9090, false",
        "*:1*, [::1], 1234, true",
        "[::1]:*, ::1, 9090, true",
    })
    void globMatching(String glob, String host, int port, boolean expected) {
        assertEquals(expected, HostFilter.of(List.of(glob), List.of()).matches(host, port), glob + " vs " + host + ":" + port);
    }

    @ParameterizedTest
    @CsvSource({"a b", "db:", ":80", "db:8x", "db:65536", "db:123456", "a:b:c", "[::1", "[::1]x", "[g::1]", "a/b", "''"})
    void invalidGlobs(String glob) {
        assertNull(HostGlob.parse(glob), glob);
    }

    @Test
    void excludeWinsOverInclude() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.hosts.include", "*.svc, localhost:*",
                "rebound.hosts.exclude", "slow.svc, localhost:9*"), Map.of());
        assertEquals(List.of(), c.problems());
        assertEquals(List.of("*.svc", "localhost:*"), c.hostsInclude());
        assertEquals(List.of("slow.svc", "localhost:9*"), c.hostsExclude());
        HostFilter f = c.hostFilter();
        assertTrue(f.matches("fast.svc", 80));
        assertFalse(f.matches("slow.svc", 80));
        assertTrue(f.matches("localhost", 8080));
        assertFalse(f.matches("localhost", 9090));
        assertFalse(f.matches("elsewhere", 80));
    }

    @Test
    void emptyIncludeAllowsNothing() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS, Map.of("rebound.hosts.include", ""), Map.of());
        assertFalse(c.hostFilter().matches("example.com", 443));
        assertTrue(ReboundConfig.defaults(TestKeys.KEYS).hostFilter().matches("example.com", 443));
    }

    @Test
    void globsAreListedNormalisedAndOnce() {
        ReboundConfig c = ConfigLoader.load(TestKeys.KEYS,
                Map.of("rebound.hosts.include", "API.example.com, api.example.com,[::1]:80"), Map.of());
        assertEquals(List.of(), c.problems());
        assertEquals(List.of("api.example.com", "[::1]:80"), c.hostsInclude());
    }
}
