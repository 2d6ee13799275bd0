package io.specweave.deploy;

import java.time.Instant;
import java.time.LocalDate;

/** Parses the timestamps this tool writes ({@code 2026-11-27T10:15:00Z}) without a formatter; others leniently. */
public final class Times {

    private Times() {
    }

    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() == 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour < 24
                    && minute >= 0 && minute < 60 && second >= 0 && second < 60) {
                try {
                    long days = LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second);
                } catch (java.time.DateTimeException e) {
                    return null;
                }
            }
        }
        return lenient(text);
    }

    /** ISO-8601 instants and offset date-times; null for anything else. */
    private static Instant lenient(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text.trim()).toInstant();
            } catch (java.time.format.DateTimeParseException again) {
                return null;
            }
        }
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
