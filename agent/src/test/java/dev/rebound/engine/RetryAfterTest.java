package dev.rebound.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
    private static final long S = 1_000_000_000L;

    private static long epochMillis(int y, int mo, int d, int h, int mi, int s) {
        return LocalDateTime.of(y, mo, d, h, mi, s).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** 1994-11-06T08:49:37Z, the RFC's example instant. */
    private static final long EXAMPLE = epochMillis(1994, 11, 6, 8, 49, 37);
    /** 30 seconds before the example. */
    private static final long NOW = EXAMPLE - 30_000;

    @Test
    void deltaSeconds() {
        assertEquals(120 * S, RetryAfter.delayNanos("120", NOW));
        assertEquals(7 * S, RetryAfter.delayNanos(" \t7 ", NOW));
        assertEquals(0, RetryAfter.delayNanos("0", NOW));
        assertEquals(5 * S, RetryAfter.delayNanos("0005", NOW));
    }

    @Test
    void hugeDeltaSecondsSaturateInsteadOfWrapping() {
        assertEquals(9_223_372_036L * S, RetryAfter.delayNanos("9223372036", NOW));
        assertEquals(Long.MAX_VALUE, RetryAfter.delayNanos("9223372037", NOW));
        assertEquals(Long.MAX_VALUE, RetryAfter.delayNanos("99999999999999999999999999999999", NOW));
    }

    @Test
    void allThreeDateForms() {
        assertEquals(30 * S, RetryAfter.delayNanos("Sun, 06 Nov 1994 08:49:37 GMT", NOW));
        assertEquals(30 * S, RetryAfter.delayNanos("Sunday, 06-Nov-94 08:49:37 GMT", NOW));
        assertEquals(30 * S, RetryAfter.delayNanos("Sun Nov  6 08:49:37 1994", NOW));
        long later = epochMillis(1994, 11, 16, 8, 49, 37);
        assertEquals((later - NOW) * 1_000_000L, RetryAfter.delayNanos("Wed Nov 16 08:49:37 1994", NOW));
    }

    @Test
    void theClockOverloadReadsWallTime() {
        FakeClock clock = new FakeClock(123, NOW + 10_000);
        assertEquals(20 * S, RetryAfter.delayNanos("Sun, 06 Nov 1994 08:49:37 GMT", clock));
        assertEquals(RetryAfter.ABSENT, RetryAfter.delayNanos((String) null, clock));
    }

    @Test
    void dateMillisecondsOfNowAreKept() {
        assertEquals(1_500_000_000L, RetryAfter.delayNanos("Sun, 06 Nov 1994 08:49:37 GMT", EXAMPLE - 1_500));
    }

    @Test
    void pastDatesAreAbsentAndNowIsZero() {
        assertEquals(RetryAfter.ABSENT, RetryAfter.delayNanos("Sun, 06 Nov 1994 08:49:37 GMT", EXAMPLE + 1));
        assertEquals(RetryAfter.ABSENT, RetryAfter.delayNanos("Thu, 01 Jan 1970 00:00:00 GMT", EXAMPLE));
        assertEquals(0, RetryAfter.delayNanos("Sun, 06 Nov 1994 08:49:37 GMT", EXAMPLE));
    }

    @Test
    void farFutureDatesSaturate() {
        assertEquals(Long.MAX_VALUE, RetryAfter.delayNanos("Fri, 31 Dec 9999 23:59:59 GMT", NOW));
    }

    @Test
    void calendarRules() {
        long now = epochMillis(2020, 1, 1, 0, 0, 0);
        long leapDay = epochMillis(2024, 2, 29, 12, 0, 0);
        assertEquals((leapDay - now) * 1_000_000L, RetryAfter.delayNanos("Thu, 29 Feb 2024 12:00:00 GMT", now));
        assertEquals(RetryAfter.ABSENT, RetryAfter.delayNanos("Thu, 29 Feb 2023 12:00:00 GMT", now));
        assertEquals(RetryAfter.ABSENT, RetryAfter.delayNanos("Thu, 29 Feb 2100 12:00:00 GMT", now));
        long in2399 = epochMillis(2399, 6, 1, 0, 0, 0);
        long y2400 = epochMillis(2400, 2, 29, 0, 0, 0);
        assertEquals((y2400 - in2399) * 1_000_000L, RetryAfter.delayNanos("Tue, 29 Feb 2400 00:00:00 GMT", in2399));
        assertEquals(RetryAfter.ABSENT, RetryAfter.delayNanos("Wed, 31 Apr 2024 00:00:00 GMT", now));
        // A leap second is allowed by the grammar.
        long beforeMidnight = epochMillis(2030, 12, 31, 23, 59, 59);
        assertEquals((beforeMidnight + 1_000 - now) * 1_000_000L,
                RetryAfter.delayNanos("Tue, 31 Dec 2030 23:59:60 GMT", now));
    }

    @Test
    void twoDigitYearsMoreThanFiftyYearsAheadMeanThePastCentury() {
        long now = epochMillis(2025, 6, 1, 0, 0, 0);
        long y2070 = epochMillis(2070, 1, 1, 0, 0, 0);
        assertEquals((y2070 - now) * 1_000_000L, RetryAfter.delayNanos("Wednesday, 01-Jan-70 00:00:00 GMT", now));
        // 2080 is more than 50 years ahead, so it is 1980: in the past.
        assertEquals(RetryAfter.ABSENT, RetryAfter.delayNanos("Tuesday, 01-Jan-80 00:00:00 GMT", now));
        long y2025 = epochMillis(2025, 6, 1, 0, 0, 10);
        assertEquals((y2025 - now) * 1_000_000L, RetryAfter.delayNanos("Sunday, 01-Jun-25 00:00:10 GMT", now));
    }

    @Test
    void yearOfMatchesTheCalendar() {
        for (int y : new int[] {1969, 1970, 1999, 2000, 2024, 2100, 2400}) {
            assertEquals(y, RetryAfter.yearOf(epochMillis(y, 1, 1, 0, 0, 0)));
            assertEquals(y, RetryAfter.yearOf(epochMillis(y, 12, 31, 23, 59, 59)));
        }
    }

    /** A valid twin of the malformed values below, so that they fail for their flaw, not for being past. */
    @Test
    void controlForTheMalformedCases() {
        long before = epochMillis(1990, 1, 1, 0, 0, 0);
        assertTrue(RetryAfter.delayNanos("Sun, 06 Nov 1994 08:49:37 GMT", before) > 0);
        assertTrue(RetryAfter.delayNanos("Sunday, 06-Nov-94 08:49:37 GMT", before) > 0);
        assertTrue(RetryAfter.delayNanos("Sun Nov  6 08:49:37 1994", before) > 0);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "", "   ", "\t",
        "-1", "+5", "1.5", "5s", "1e3", "0x10", "12 34", "\u0661\u0662", "3,600", "tomorrow",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 06 Nov 1994 08:49:37 GMT extra",
        "sun, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun,  06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:37 GMT",
        "Sun, 06 Nov 1994 08:49:61 GMT",
        "Sun, 06 Nov 1994 08-49-37 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun, 06 Nov 19x4 08:49:37 GMT",
        "Xyz, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sonntag, 06-Nov-94 08:49:37 GMT",
        "Sunday, 06 Nov 94 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 CET",
        "Sun Nov 6 08:49:37 1994",
        "Sun Nov  6 08:49:37 94",
        "Sun Nov 06 08:49:37 1994 GMT",
        "Sun 06 Nov 1994 08:49:37 GMT",
        "2094-11-06T08:49:37Z",
    })
    void malformedValuesAreAbsent(String value) {
        long before = epochMillis(1990, 1, 1, 0, 0, 0);
        assertEquals(RetryAfter.ABSENT, RetryAfter.delayNanos(value, before), String.valueOf(value));
    }
}
