package dev.rebound.bench.resilience;

/** One scripted situation: how the load looks and what the upstream does. S3 is measured on S2's runs. */
public enum Scenario {
    S1("S1 transient", "GET", "independent 502 with p=0.2 per attempt"),
    S2("S2 outage + S3 recovery", "GET", "100% 502 during the outage window, 200 before and after"),
    S4("S4 unsafe", "POST", "the upstream does the work, then answers 502 with p=0.2"),
    S5("S5 pacing", "GET", "503 with Retry-After: 3600 on every attempt"),
    S6("S6 fail-once", "GET", "every call's first attempt 502, every retry 200"),
    S7("S7 overload", "GET", "a fixed capacity (workers, a bounded queue, a service time; 503 when the queue is full), "
            + "offered 1.3x its capacity, then 0.7x"),
    S8("S8 fleet", "GET", "several driver JVMs share one upstream; 100% 502 during the outage window"),
    S9("S9 partial", "GET", "100% 502 for 5 s, then independent 502s with p=0.2 for 20 s, then 200");

    private final String title;
    private final String method;
    private final String upstream;

    Scenario(String title, String method, String upstream) {
        this.title = title;
        this.method = method;
        this.upstream = upstream;
    }

    public String title() {
        return title;
    }

    public String method() {
        return method;
    }

    public String upstream() {
        return upstream;
    }

    /** The offered load of one driver JVM: {@code rate:seconds} segments, comma-separated, played in order. */
    String profile(Schedule s) {
        ScenarioSizes m = s.more();
        switch (this) {
            case S1:
                return segment(s.s1Rate(), s.s1Calls() / s.s1Rate());
            case S2:
                return segment(s.s2Rate(), s.s2Calls() / s.s2Rate());
            case S4:
                return segment(s.s4Rate(), s.s4Calls() / s.s4Rate());
            case S5:
                return segment(s.s5Rate(), s.s5Calls() / s.s5Rate());
            case S6:
                return segment(m.s6Rate(), m.s6Seconds());
            case S7:
                return segment(ScenarioSizes.S7_OVERLOAD * m.s7Capacity(), m.s7OverloadSeconds()) + ","
                        + segment(ScenarioSizes.S7_UNDERLOAD * m.s7Capacity(), m.s7AfterSeconds());
            case S8:
                return segment(m.s8RatePerJvm(), m.s8Seconds());
            default:
                return segment(m.s9Rate(), m.s9Seconds());
        }
    }

    /** Driver JVMs sharing the upstream in one run. */
    int jvms(Schedule s) {
        return this == S8 ? s.more().s8Jvms() : 1;
    }

    /** Calls of one driver JVM. */
    int calls(Schedule s) {
        return LoadProfile.parse(profile(s)).calls();
    }

    /** The first segment's rate of one driver, for titles. */
    double rate(Schedule s) {
        return LoadProfile.parse(profile(s)).rates()[0];
    }

    Upstream.Capacity capacity(Schedule s) {
        ScenarioSizes m = s.more();
        return this == S7 ? new Upstream.Capacity(m.s7Workers(), m.s7Queue(), (long) (m.s7ServiceMs() * 1e6)) : null;
    }

    FailureScript script(Schedule s) {
        ScenarioSizes m = s.more();
        switch (this) {
            case S1:
            case S4:
                return FailureScript.transient502(s.seed(), Schedule.TRANSIENT_P);
            case S2:
                return FailureScript.outage(s.outageStartNanos(), s.outageEndNanos());
            case S6:
                return FailureScript.failOnce();
            case S7:
                return FailureScript.capacityOnly();
            case S8:
                return FailureScript.outage(m.s8OutageStartNanos(), m.s8OutageEndNanos());
            case S9:
                return FailureScript.partial(s.seed(), m.s9FullEndNanos(), m.s9PartialEndNanos(), Schedule.TRANSIENT_P);
            default:
                return FailureScript.unavailable(Schedule.RETRY_AFTER_SECONDS);
        }
    }

    /** The longest a run may take before its child is stopped: the load, the slowest policy's tail, JVM start. */
    long timeoutSeconds(Schedule s) {
        return (long) Math.ceil(LoadProfile.parse(profile(s)).totalSeconds()) + 15 * 2 + 60 + 3L * jvms(s);
    }

    private static String segment(double rate, double seconds) {
        return rate + ":" + seconds;
    }
}
