package io.specweave.deploy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people read them: "2d 4h", "3h 12m", "45s". */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private Durations() {
    }

    /**
     * A duration as typed for {@code --duration} and {@code --interval}: {@code 500ms}, {@code 30s},
     * {@code 15m}, {@code 1h}; a bare number is seconds.
     *
     * @param option how the error names the value, e.g. {@code --interval}
     */
    public static Duration parse(String text, Input option) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new BadInputException(Message.of(Message.arg(option, text), ": expected a duration such as 30s, 1m, 15m or 1h"));
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /**
     * A wait or a timeout as a message states it: {@code 250 ms}, {@code 10 s}, {@code 1.5 s};
     * from 10 s on, to the nearest second.
     */
    public static String brief(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000 && millis != 0) {
            return millis + " ms";
        }
        if (millis % 1000 == 0 || millis >= 10_000) {
            return Math.round(millis / 1000.0) + " s";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    public static String human(Duration duration) {
        long seconds = Math.abs(duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        String sign = duration.isNegative() ? "-" : "";
        if (days > 0) {
            return sign + days + "d" + (hours > 0 ? " " + hours + "h" : "") + (minutes > 0 ? " " + minutes + "m" : "");
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
