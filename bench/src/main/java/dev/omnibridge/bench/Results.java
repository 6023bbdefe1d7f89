package dev.omnibridge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** Appends measurements to the run's results file: {@code scenario<TAB>target<TAB>metric<TAB>run<TAB>value}. */
final class Results {

    private final Path file;
    private final String scenario;

    Results(String file, String scenario) {
        this.file = Path.of(file);
        this.scenario = scenario;
    }

    synchronized void put(String target, String metric, int run, double value) {
        String line = String.format(Locale.ROOT, "%s\t%s\t%s\t%d\t%.6f%n", scenario, target, metric, run, value);
        System.out.print("  " + line);
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
