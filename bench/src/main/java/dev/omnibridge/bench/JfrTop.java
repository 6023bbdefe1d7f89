package dev.omnibridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A poor man's profile from a JFR recording: CPU samples by method (self and inclusive), samples by thread, and the
 * monitors threads waited longest to enter. {@code bench jfr-top --file rec.jfr [--top 25] [--filter dev.omnibridge]}
 */
final class JfrTop {

    private JfrTop() {}

    static void run(Args a) throws Exception {
        int top = a.integer("top", 25);
        String filter = a.str("filter", "dev.omnibridge.");
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> ownInclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Long> monitorNanos = new HashMap<>();
        Map<String, Long> parkNanos = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(a.str("file")))) {
            String type = e.getEventType().getName();
            RecordedStackTrace st = e.getStackTrace();
            if (type.equals("jdk.ExecutionSample") && st != null) {
                samples++;
                List<RecordedFrame> frames = st.getFrames();
                if (!frames.isEmpty()) {
                    self.merge(name(frames.get(0)), 1, Integer::sum);
                }
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String n = name(f);
                    if (seen.add(n)) {
                        inclusive.merge(n, 1, Integer::sum);
                        if (n.startsWith(filter)) {
                            ownInclusive.merge(n, 1, Integer::sum);
                        }
                    }
                }
                var thread = e.getThread("sampledThread");
                threads.merge(thread == null ? "?" : group(thread.getJavaName()), 1, Integer::sum);
            } else if (type.equals("jdk.JavaMonitorEnter") && st != null) {
                String where = firstOwn(st, filter);
                monitorNanos.merge(where, e.getDuration().toNanos(), Long::sum);
            } else if (type.equals("jdk.ThreadPark") && st != null) {
                String where = firstOwn(st, filter);
                if (!where.equals("-")) {
                    parkNanos.merge(where, e.getDuration().toNanos(), Long::sum);
                }
            }
        }
        System.out.println("CPU samples: " + samples);
        print("Top methods by self samples", self, top, samples);
        print("Top methods by inclusive samples", inclusive, top, samples);
        print("Top " + filter + "* methods by inclusive samples", ownInclusive, top, samples);
        print("Samples by thread (group)", threads, top, samples);
        printDurations("Blocked entering a monitor (total, by first " + filter + " frame)", monitorNanos, top);
        printDurations("Parked (total, by first " + filter + " frame)", parkNanos, top);
    }

    private static String group(String thread) {
        return thread == null ? "?" : thread.replaceAll("[-#\\s]*\\d+$", "").replaceAll("\\d+", "N");
    }

    private static String firstOwn(RecordedStackTrace st, String filter) {
        for (RecordedFrame f : st.getFrames()) {
            String n = name(f);
            if (n.startsWith(filter)) {
                return n;
            }
        }
        return "-";
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int top, int total) {
        System.out.println("\n" + title + ":");
        counts.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(top).forEach(e ->
                System.out.printf(java.util.Locale.ROOT, "  %6.2f%%  %6d  %s%n", 100.0 * e.getValue() / total,
                        e.getValue(), e.getKey()));
    }

    private static void printDurations(String title, Map<String, Long> nanos, int top) {
        System.out.println("\n" + title + ":");
        nanos.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(top).forEach(e ->
                System.out.printf(java.util.Locale.ROOT, "  %10.1f ms  %s%n", Duration.ofNanos(e.getValue()).toNanos() / 1e6,
                        e.getKey()));
    }
}
