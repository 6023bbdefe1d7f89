package dev.omnibridge.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Omnidesk's date strings ({@code "Mon, 05 May 2014 00:15:17 +0300"}), with {@code "-"} for "never". */
final class OmnideskDates {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.ofHours(3));

    private OmnideskDates() {
    }

    static String format(Instant instant) {
        return instant == null ? "-" : FORMAT.format(instant);
    }
}
