package dev.rebound.bench.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** What a reader needs to judge a figure: when, how many cores, which JDK, and how busy the machine was. */
public final class Machine {
    private Machine() {
    }

    public static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The 1-minute load average, or "n/a" off Linux. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** One line for the top of every result file. */
    public static String header() {
        return "Measured " + now() + " on " + cores() + " cores (`nproc`), JDK "
                + System.getProperty("java.runtime.version") + ", 1-min load average " + loadAverage()
                + " at the start. A load average near or above the core count means other processes were "
                + "running: figures are then noisier than on a quiet machine; compare rows of one run, "
                + "not runs.";
    }
}
