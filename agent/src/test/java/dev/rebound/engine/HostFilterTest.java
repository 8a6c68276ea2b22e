package dev.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostFilterTest {
    private static HostFilter filter(List<String> include, List<String> exclude) {
        return HostFilter.of(include, exclude);
    }

    @Test
    void allMatchesEveryHost() {
        assertTrue(HostFilter.ALL.matches("example.com", 443));
        assertTrue(HostFilter.ALL.matches("10.0.0.1", -1));
        assertFalse(HostFilter.ALL.matches(null, 80));
    }

    @Test
    void hostGlobsAreCaseInsensitive() {
        HostFilter f = filter(Arrays.asList("*.Example.COM"), Collections.emptyList());
        assertTrue(f.matches("api.example.com", 443));
        assertTrue(f.matches("API.EXAMPLE.com", 80));
        assertTrue(f.matches("a.b.example.com", 80));
        assertFalse(f.matches("example.com", 443));
        assertFalse(f.matches("api.example.com.evil", 443));
    }

    @Test
    void questionMarkIsExactlyOneCharacter() {
        HostFilter f = filter(Arrays.asList("node?.svc"), Collections.emptyList());
        assertTrue(f.matches("node1.svc", 80));
        assertFalse(f.matches("node12.svc", 80));
        assertFalse(f.matches("node.svc", 80));
    }

    @Test
    void starsBacktrack() {
        HostFilter f = filter(Arrays.asList("a*b*c"), Collections.emptyList());
        assertTrue(f.matches("axxbyyc", 1));
        assertTrue(f.matches("abc", 1));
        assertTrue(f.matches("abcbc", 1));
        assertFalse(f.matches("axxbyy", 1));
        assertFalse(f.matches("xabc", 1));
    }

    @Test
    void patternsWithAPortMatchHostAndPort() {
        HostFilter f = filter(Arrays.asList("*:8080", "db.local:54??"), Collections.emptyList());
        assertTrue(f.matches("anything", 8080));
        assertFalse(f.matches("anything", 80));
        assertFalse(f.matches("anything", 18080));
        assertTrue(f.matches("DB.local", 5432));
        assertFalse(f.matches("db.local", 543));
        assertFalse(f.matches("db.local", 6432));
        // Unknown port: port patterns cannot match.
        assertFalse(f.matches("anything", -1));
    }

    @Test
    void portDigitsAreReadCorrectly() {
        HostFilter f = filter(Arrays.asList("h:1*9"), Collections.emptyList());
        assertTrue(f.matches("h", 19));
        assertTrue(f.matches("h", 10009));
        assertTrue(f.matches("h", 65419 - 50000));
        assertFalse(f.matches("h", 91));
        assertFalse(f.matches("h", 0));
        assertTrue(filter(Arrays.asList("h:0"), Collections.emptyList()).matches("h", 0));
    }

    @Test
    void excludeWins() {
        HostFilter f = filter(Arrays.asList("*"), Arrays.asList("internal.*", "*:9090"));
        assertTrue(f.matches("api.example.com", 443));
        assertFalse(f.matches("Internal.corp", 443));
        assertFalse(f.matches("api.example.com", 9090));
        HostFilter both = filter(Arrays.asList("x.com"), Arrays.asList("x.com"));
        assertFalse(both.matches("x.com", 80));
    }

    @Test
    void ipv6LiteralsKeepTheirColons() {
        HostFilter hostOnly = filter(Arrays.asList("[::1]"), Collections.emptyList());
        assertTrue(hostOnly.matches("[::1]", 8080));
        assertTrue(hostOnly.matches("[::1]", -1));
        HostFilter withPort = filter(Arrays.asList("[::1]:8080"), Collections.emptyList());
        assertTrue(withPort.matches("[::1]", 8080));
        assertFalse(withPort.matches("[::1]", 8081));
    }

    @Test
    void anEmptyIncludeListMatchesNothing() {
        assertFalse(filter(Collections.emptyList(), Collections.emptyList()).matches("a", 1));
    }

    @Test
    void rejectsBadPatterns() {
        assertThrows(IllegalArgumentException.class, () -> HostFilter.of(null, Collections.emptyList()));
        assertThrows(IllegalArgumentException.class, () -> HostFilter.of(Collections.emptyList(), null));
        assertThrows(IllegalArgumentException.class, () -> HostFilter.of(Arrays.asList(""), Collections.emptyList()));
        assertThrows(IllegalArgumentException.class,
                () -> HostFilter.of(Arrays.asList("a b"), Collections.emptyList()));
        assertThrows(IllegalArgumentException.class,
                () -> HostFilter.of(Collections.emptyList(), Arrays.asList((String) null)));
    }
}
