package io.specweave.deploy.report;

import java.time.Duration;

/** Durations as people read them: "2d 4h", "3h 12m", "45s". */
public final class Durations {

    private Durations() {
    }

    public static String human(Duration duration) {
        long seconds = Math.abs(duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        String sign = duration.isNegative() ? "-" : "";
        if (days > 0) {
            return sign + days + "d" + (hours > 0 ? " " + hours + "h" : "");
        }
        if (hours > 0) {
            return sign + hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
        }
        if (minutes > 0) {
            return sign + minutes + "m" + (rest > 0 ? " " + rest + "s" : "");
        }
        return sign + rest + "s";
    }
}
