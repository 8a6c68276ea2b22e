package dev.rebound.bench.resilience;

/** One scripted situation: how the load looks and what the upstream does. S3 is measured on S2's runs. */
public enum Scenario {
    S1("S1 transient", "GET", "independent 502 with p=0.2 per attempt"),
    S2("S2 outage + S3 recovery", "GET", "100% 502 during the outage window, 200 before and after"),
    S4("S4 unsafe", "POST", "the upstream does the work, then answers 502 with p=0.2"),
    S5("S5 pacing", "GET", "503 with Retry-After: 3600 on every attempt");

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

    int calls(Schedule s) {
        switch (this) {
            case S1:
                return s.s1Calls();
            case S2:
                return s.s2Calls();
            case S4:
                return s.s4Calls();
            default:
                return s.s5Calls();
        }
    }

    double rate(Schedule s) {
        switch (this) {
            case S1:
                return s.s1Rate();
            case S2:
                return s.s2Rate();
            case S4:
                return s.s4Rate();
            default:
                return s.s5Rate();
        }
    }

    FailureScript script(Schedule s) {
        switch (this) {
            case S1:
            case S4:
                return FailureScript.transient502(s.seed(), Schedule.TRANSIENT_P);
            case S2:
                return FailureScript.outage(s.outageStartNanos(), s.outageEndNanos());
            default:
                return FailureScript.unavailable(Schedule.RETRY_AFTER_SECONDS);
        }
    }

    /** The longest a run may take before its child is stopped: the load, the slowest policy's tail, JVM start. */
    long timeoutSeconds(Schedule s) {
        return (long) Math.ceil(calls(s) / rate(s)) + 15 * 2 + 60;
    }
}
