package dev.rebound.engine;

/**
 * Parses a {@code Retry-After} value (RFC 9110 section 10.2.3) into a delay. A hand parser rather than
 * java.time formatters: it runs on the app's threads, must not allocate much, and must never throw.
 */
public final class RetryAfter {
    /** The value was missing, malformed, negative or in the past: fall back to the backoff. */
    public static final long ABSENT = -1L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long MAX_SECONDS = Long.MAX_VALUE / NANOS_PER_SECOND;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    private static final String[] SHORT_DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] LONG_DAYS = {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
    };

    private RetryAfter() {
    }

    /** As {@link #delayNanos(String, long)}, relative to {@code clock}'s wall time. */
    public static long delayNanos(String value, Clock clock) {
        return delayNanos(value, clock.currentTimeMillis());
    }

    /**
     * The delay in nanos that {@code value} asks for, or {@link #ABSENT}. Delta-seconds too large for a long
     * saturate at {@link Long#MAX_VALUE} (a huge wait is still a wait, and the cap then refuses it).
     */
    public static long delayNanos(String value, long nowMillis) {
        if (value == null) {
            return ABSENT;
        }
        int start = skipSpaces(value, 0);
        int end = trimSpaces(value, start);
        if (start == end) {
            return ABSENT;
        }
        if (isDigit(value.charAt(start))) {
            return deltaSecondsNanos(value, start, end);
        }
        return dateNanos(value, start, end, nowMillis);
    }

    private static long deltaSecondsNanos(String s, int start, int end) {
        long seconds = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return ABSENT;
            }
            if (seconds <= MAX_SECONDS) {
                seconds = seconds * 10 + (c - '0');
            }
        }
        return seconds > MAX_SECONDS ? Long.MAX_VALUE : seconds * NANOS_PER_SECOND;
    }

    private static long dateNanos(String s, int start, int end, long nowMillis) {
        long at = parseHttpDateMillis(s, start, end, nowMillis);
        if (at == Long.MIN_VALUE || at < nowMillis) {
            return ABSENT;
        }
        long millis = at - nowMillis;
        return millis > Long.MAX_VALUE / NANOS_PER_MILLI ? Long.MAX_VALUE : millis * NANOS_PER_MILLI;
    }

    /**
     * Epoch millis of an HTTP-date in any of its three forms, or {@link Long#MIN_VALUE} when malformed.
     * {@code nowMillis} resolves the two-digit year of the obsolete RFC 850 form.
     */
    static long parseHttpDateMillis(String s, int start, int end, long nowMillis) {
        int len = end - start;
        if (len < 4) {
            return Long.MIN_VALUE;
        }
        if (s.charAt(start + 3) == ',') {
            return imfFixdate(s, start, len);
        }
        if (s.charAt(start + 3) == ' ') {
            return asctime(s, start, len);
        }
        return rfc850(s, start, end, nowMillis);
    }

    /** {@code Sun, 06 Nov 1994 08:49:37 GMT} */
    private static long imfFixdate(String s, int p, int len) {
        if (len != 29 || indexOf(SHORT_DAYS, s, p, 3) < 0
                || s.charAt(p + 4) != ' ' || s.charAt(p + 7) != ' ' || s.charAt(p + 11) != ' '
                || s.charAt(p + 16) != ' ' || s.charAt(p + 25) != ' ' || !s.startsWith("GMT", p + 26)) {
            return Long.MIN_VALUE;
        }
        int day = twoDigits(s, p + 5);
        int month = indexOf(MONTHS, s, p + 8, 3) + 1;
        int year = fourDigits(s, p + 12);
        return toMillis(year, month, day, s, p + 17);
    }

    /** {@code Sunday, 06-Nov-94 08:49:37 GMT} */
    private static long rfc850(String s, int p, int end, long nowMillis) {
        int comma = s.indexOf(',', p);
        if (comma < 0 || comma >= end || indexOf(LONG_DAYS, s, p, comma - p) < 0 || end - comma != 24
                || s.charAt(comma + 1) != ' ' || s.charAt(comma + 4) != '-' || s.charAt(comma + 8) != '-'
                || s.charAt(comma + 11) != ' ' || s.charAt(comma + 20) != ' ' || !s.startsWith("GMT", comma + 21)) {
            return Long.MIN_VALUE;
        }
        int day = twoDigits(s, comma + 2);
        int month = indexOf(MONTHS, s, comma + 5, 3) + 1;
        int yy = twoDigits(s, comma + 9);
        if (yy < 0) {
            return Long.MIN_VALUE;
        }
        // RFC 9110: a two-digit year more than 50 years in the future means the most recent past such year.
        int current = yearOf(nowMillis);
        int year = current - Math.floorMod(current, 100) + yy;
        if (year > current + 50) {
            year -= 100;
        }
        return toMillis(year, month, day, s, comma + 12);
    }

    /** {@code Sun Nov  6 08:49:37 1994} */
    private static long asctime(String s, int p, int len) {
        if (len != 24 || indexOf(SHORT_DAYS, s, p, 3) < 0 || s.charAt(p + 7) != ' '
                || s.charAt(p + 10) != ' ' || s.charAt(p + 19) != ' ') {
            return Long.MIN_VALUE;
        }
        int month = indexOf(MONTHS, s, p + 4, 3) + 1;
        int day = s.charAt(p + 8) == ' ' ? digit(s.charAt(p + 9)) : twoDigits(s, p + 8);
        int year = fourDigits(s, p + 20);
        return toMillis(year, month, day, s, p + 11);
    }

    /** Combines validated date fields with the {@code HH:MM:SS} at {@code t}; MIN_VALUE when anything is off. */
    private static long toMillis(int year, int month, int day, String s, int t) {
        if (year < 0 || month < 1 || day < 1 || day > daysInMonth(year, month)
                || s.charAt(t + 2) != ':' || s.charAt(t + 5) != ':') {
            return Long.MIN_VALUE;
        }
        int hour = twoDigits(s, t);
        int minute = twoDigits(s, t + 3);
        int second = twoDigits(s, t + 6);
        // 60 is a leap second, which the grammar allows.
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
            return Long.MIN_VALUE;
        }
        return daysFromCivil(year, month, day) * MILLIS_PER_DAY
                + ((hour * 60L + minute) * 60L + second) * 1000L;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    static int yearOf(long epochMillis) {
        long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        int year = (int) (1970 + Math.floorDiv(days * 400, 146_097));
        while (daysFromCivil(year, 1, 1) > days) {
            year--;
        }
        while (daysFromCivil(year + 1, 1, 1) <= days) {
            year++;
        }
        return year;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Index of the entry equal to {@code s[p, p+len)}, case-sensitive as RFC 9110 says; -1 when none. */
    private static int indexOf(String[] names, String s, int p, int len) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].length() == len && s.regionMatches(p, names[i], 0, len)) {
                return i;
            }
        }
        return -1;
    }

    private static int twoDigits(String s, int p) {
        int a = digit(s.charAt(p));
        int b = digit(s.charAt(p + 1));
        return a < 0 || b < 0 ? -1 : a * 10 + b;
    }

    private static int fourDigits(String s, int p) {
        int hi = twoDigits(s, p);
        int lo = twoDigits(s, p + 2);
        return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
    }

    private static int digit(char c) {
        return isDigit(c) ? c - '0' : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int trimSpaces(String s, int start) {
        int end = s.length();
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return end;
    }
}
