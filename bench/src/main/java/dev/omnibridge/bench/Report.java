package dev.omnibridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoublePredicate;

/** Turns the run's results file into the Markdown table: median (min–max) per figure, ratio to the baseline. */
final class Report {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final Map<String, String> meta = new LinkedHashMap<>();

    static void run(Args a) throws IOException {
        Report r = new Report();
        for (String line : Files.readAllLines(Path.of(a.str("results")))) {
            String[] f = line.split("\t");
            if (f.length == 5) {
                r.values.computeIfAbsent(f[0] + "/" + f[1] + "/" + f[2], k -> new ArrayList<>())
                        .add(Double.parseDouble(f[4]));
            }
        }
        if (a.has("meta")) {
            for (String line : Files.readAllLines(Path.of(a.str("meta")))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    r.meta.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        }
        String table = r.table();
        Files.writeString(Path.of(a.str("out")), table);
        System.out.print(table);
    }

    private String m(String key, String fallback) {
        return meta.getOrDefault(key, fallback);
    }

    private List<Double> get(String scenario, String target, String metric) {
        return values.getOrDefault(scenario + "/" + target + "/" + metric, List.of());
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String num(double d) {
        if (Double.isNaN(d)) {
            return "n/a";
        }
        double abs = Math.abs(d);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String cell(List<Double> v) {
        if (v.isEmpty()) {
            return "n/a";
        }
        double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        String med = num(median(v));
        return v.size() == 1 ? med : med + " (" + num(min) + "–" + num(max) + ")";
    }

    private void row(StringBuilder out, String figure, String label, String scenario, String metric,
            boolean baseline, String target, DoublePredicate met, boolean ratioTarget) {
        row(out, figure, label, scenario, "bridge", metric, baseline, target, met, ratioTarget);
    }

    private void row(StringBuilder out, String figure, String label, String scenario, String who, String metric,
            boolean baseline, String target, DoublePredicate met, boolean ratioTarget) {
        List<Double> bridge = get(scenario, who, metric);
        if (bridge.isEmpty()) {
            return; // figure not run this time (SCENARIOS=...)
        }
        List<Double> base = baseline ? get(scenario, "baseline", metric) : List.of();
        double ratio = baseline ? median(bridge) / median(base) : Double.NaN;
        String verdict = "";
        if (met != null && !bridge.isEmpty()) {
            double checked = ratioTarget ? ratio : median(bridge);
            verdict = met.test(checked) ? "**met**" : "**missed**";
        }
        out.append("| ").append(figure).append(" | ").append(label).append(" | ").append(cell(bridge)).append(" | ")
                .append(baseline ? cell(base) : "–").append(" | ")
                .append(baseline && Double.isFinite(ratio) ? ratioText(ratio) : "–").append(" | ")
                .append(target).append(" | ").append(verdict).append(" |\n");
    }

    private static String ratioText(double ratio) {
        return ratio >= 10 ? String.format(Locale.ROOT, "%.0f×", ratio)
                : ratio >= 0.1 ? String.format(Locale.ROOT, "%.2f×", ratio)
                : String.format(Locale.ROOT, "%.4f×", ratio);
    }

    private String table() {
        StringBuilder out = new StringBuilder();
        String runs = m("runs", "3");
        out.append("| # | Figure | Bridge: median (min–max) | Baseline: median (min–max) | Bridge ÷ baseline | Target | |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        String rate = m("ack.rate", "500");
        row(out, "1", "Ack latency p50 at " + rate + "/s, ms", "ack", "p50_ms", true, "", null, false);
        row(out, "1", "Ack latency p99 at " + rate + "/s, ms", "ack", "p99_ms", true, "< 5 ms", v -> v < 5, false);
        row(out, "1", "Ack latency p99.9 at " + rate + "/s, ms", "ack", "p999_ms", true, "", null, false);
        row(out, "1", "Ack latency max at " + rate + "/s, ms", "ack", "max_ms", true, "", null, false);
        row(out, "1", "Webhooks not acknowledged at " + rate + "/s", "ack", "fixed_not_ok", true, "0", v -> v == 0,
                false);
        row(out, "1", "Max acknowledged webhooks/s (" + m("ack.connections", "32") + " connections, "
                + m("ack.max-duration", "5") + " s)", "ack", "max_rps", true, "≥ 0.5× baseline", v -> v >= 0.5, true);
        row(out, "1", "Ack latency p99 at max rate, ms", "ack", "max_p99_ms", true, "", null, false);
        row(out, "1", "CPU used at " + rate + "/s (intake + the work behind it), cores", "ack", "cpu_cores", true, "",
                null, false);
        row(out, "2", "End-to-end replies/s, " + m("e2e.inflight", "256") + " cases in flight", "e2e",
                "sat_replies_per_s", false, "≥ 1,000/s", v -> v >= 1000, false);
        row(out, "2", "Bridge CPU per case at saturation (webhook + case read + 2 replies), ms", "e2e",
                "sat_cpu_ms_per_case", false, "", null, false);
        row(out, "2", "End-to-end answer latency p50 at saturation, ms", "e2e", "sat_p50_ms", false, "", null, false);
        row(out, "2", "End-to-end answer latency p99 at saturation, ms", "e2e", "sat_p99_ms", false, "", null, false);
        String e2eRate = m("e2e.rate", "250");
        row(out, "2", "End-to-end answer latency p50 at " + e2eRate + " new cases/s, ms", "e2e", "fixed_p50_ms", false,
                "", null, false);
        row(out, "2", "End-to-end answer latency p99 at " + e2eRate + " new cases/s, ms", "e2e", "fixed_p99_ms", false,
                "", null, false);
        row(out, "2", "Bridge CPU per case at " + e2eRate + " new cases/s, ms", "e2e", "fixed_cpu_ms_per_case", false,
                "", null, false);
        for (String check : List.of("none", "messages")) {
            String max = check.equals("none") ? "1.05" : "1.55";
            double limit = check.equals("none") ? 1.05 : 1.55;
            String with = " (author-check=" + check + ")";
            row(out, "3b", "API units per answered first message ÷ the minimum (one write)" + with, "units", check,
                    "units_first_ratio", false, "≤ " + max + "×", v -> v <= limit, false);
            row(out, "3b", "API units per answered follow-up ÷ the minimum" + with, "units", check,
                    "units_followup_ratio", false, "≤ " + max + "×", v -> v <= limit, false);
            row(out, "3b", "Customers answered per window on a 20-unit account ÷ the physical maximum, %" + with,
                    "units", check, "customers_ratio_pct", false, "", null, false);
            row(out, "3b", "Budget use per full window on a 20-unit account, %" + with, "units", check,
                    "budget_use_pct", false, "≥ 99 %", v -> v >= 99, false);
            row(out, "3b", "429 answers under the backlog" + with, "units", check, "too_many", false, "0",
                    v -> v == 0, false);
            row(out, "3b", "Wait after a 429 ÷ retry_after" + with, "units", check, "wait_after_429_ratio", false,
                    "≤ (retry_after + 1 s) ÷ retry_after", v -> v <= 1.25, false);
        }
        String n = m("budget.limit", "120");
        String w = m("budget.window-seconds", "5");
        row(out, "3", "Budget use: API units per window ÷ N (N = " + n + " per " + w + " s, "
                + m("budget.cases", "150") + " cases backlog), %", "budget", "efficiency_pct", false, "≥ 90 %",
                v -> v >= 90, false);
        row(out, "3", "429 answers per backlog", "budget", "too_many", false, "0", v -> v == 0, false);
        row(out, "3", "Oldest customer's wait, s (quickest possible: " + num(median(get("budget", "bridge",
                "ideal_wait_s"))) + " s)", "budget", "oldest_wait_s", false, "", null, false);
        row(out, "3", "Median wait for the first reply, s", "budget", "median_first_reply_s", false, "", null, false);
        String cases = m("memory.cases", "100000");
        row(out, "4", "RSS after " + cases + " cases + full GC, MiB", "memory", "rss_mib", false, "bounded", null,
                false);
        row(out, "4", "Heap used after " + cases + " cases + full GC, MiB", "memory", "heap_mib", false, "< 256 MiB",
                v -> v < 256, false);
        row(out, "4", "Dialog states held (cache max " + m("memory.cache-max", "100000") + ")", "memory", "dialogs",
                false, "", null, false);
        row(out, "4", "Heap per held dialog, bytes", "memory", "heap_bytes_per_dialog", false, "", null, false);
        row(out, "5", "Start-up: process start → ready, s", "startup", "ready_s", false, "< 3 s", v -> v < 3, false);
        row(out, "5", "Start-up: process start → webhook intake open, s", "startup", "intake_open_s", false, "", null,
                false);
        row(out, "5", "Start-up without the class-data archive (for comparison): → ready, s", "startup",
                "ready_s_no_cds", false, "", null, false);
        out.append("\nMedian of ").append(runs).append(" runs (min–max) unless a single value is shown; memory is one run.")
                .append(" Bridge JVM flags: `").append(m("jvm.flags", "?")).append("`.\n");

        Map<Integer, double[]> trend = new TreeMap<>();
        for (var e : values.entrySet()) {
            String[] k = e.getKey().split("/");
            if (k[0].equals("memory") && (k[2].startsWith("rss_mib_at_") || k[2].startsWith("heap_mib_at_"))) {
                int at = Integer.parseInt(k[2].substring(k[2].lastIndexOf('_') + 1));
                double[] v = trend.computeIfAbsent(at, x -> new double[] {Double.NaN, Double.NaN});
                v[k[2].startsWith("rss") ? 0 : 1] = e.getValue().get(0);
            }
        }
        if (!trend.isEmpty()) {
            out.append("\nMemory as cases pass through (after a full GC each time):\n\n| Cases | RSS, MiB | Heap used, MiB |\n|---|---|---|\n");
            trend.forEach((at, v) -> out.append("| ").append(String.format(Locale.ROOT, "%,d", at)).append(" | ")
                    .append(num(v[0])).append(" | ").append(num(v[1])).append(" |\n"));
        }
        return out.toString();
    }
}
